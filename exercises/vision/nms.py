"""Non-maximum suppression (非极大值抑制, NMS).

A detector predicts many overlapping boxes (预测边界框) for the same object, each with a
confidence score (置信度). Non-maximum suppression keeps the best one and removes its
near-duplicates:
    1. sort the boxes by score, highest first;
    2. take the highest remaining box: keep it;
    3. remove every remaining box whose IoU (交并比) with it is greater than
       iou_threshold (a box with IoU exactly equal to the threshold stays);
    4. repeat from 2 until no box remains.
Only KEPT boxes remove others: a box that was removed removes nothing.

Task:
    nms(boxes, scores, iou_threshold) -> int64 tensor (K,)
        boxes: (N, 4) float, corner format (x1, y1, x2, y2); scores: (N,) float, all
        different; iou_threshold: a float in [0, 1].
        Returns the indices (into boxes) of the kept boxes, highest score first, as an
        int64 tensor on boxes' device. N may be 0 (then K = 0).
    batched_nms(boxes, scores, classes, iou_threshold) -> int64 tensor (K,)
        classes: (N,) int64, the predicted class (类别) of each box. Run NMS within each
        class separately: boxes of different classes never remove each other. Returns
        the kept indices of all classes together, highest score first.
boxes and scores are not changed. box_iou (from the exercise vision/box_iou) is given.
"""

import torch


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """(N, M) IoU of every pair (given)."""
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    upper_left = torch.maximum(boxes1[:, None, :2], boxes2[:, :2])
    lower_right = torch.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    inter = (lower_right - upper_left).clamp(min=0).prod(dim=-1)
    return inter / (area1[:, None] + area2 - inter)


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    # TODO: order the indices by score, highest first
    # TODO: keep the first remaining index, drop those whose IoU with it is > threshold
    # TODO: return the kept indices as an int64 tensor
    raise NotImplementedError


def batched_nms(boxes: torch.Tensor, scores: torch.Tensor, classes: torch.Tensor,
                iou_threshold: float) -> torch.Tensor:
    # TODO: nms within each class, then all kept indices ordered by score
    raise NotImplementedError
