"""Intersection over union of every pair of boxes (交并比, IoU).

How much do two bounding boxes (边界框) overlap? The Jaccard index (杰卡德系数) of their
two areas, called intersection over union (交并比, IoU) for boxes:

    IoU(A, B) = area(A ∩ B) / area(A ∪ B),   area(A ∪ B) = area(A) + area(B) - area(A ∩ B)

It is 1 for two identical boxes and 0 for boxes that do not overlap or only touch along
an edge. The intersection of two boxes in corner format is itself a box: its upper-left
corner is the larger of the two upper-left corners, its lower-right corner the smaller
of the two lower-right corners; when that box is empty its width or height comes out
negative and must count as 0 (clamp, 截断). Anchor boxes (锚框) are labelled and
non-maximum suppression (非极大值抑制) is decided with this number.

Task:
    box_area(boxes) -> (N,) tensor: (x2 - x1) * (y2 - y1) of each box
    box_iou(boxes1, boxes2) -> (N, M) tensor
        boxes1: (N, 4), boxes2: (M, 4), float tensors in corner format (x1, y1, x2, y2)
        with x1 < x2 and y1 < y2 (every box has a positive area); N or M may be 0.
        Entry [i, j] is the IoU of boxes1[i] and boxes2[j] (every pair, not just
        boxes1[i] with boxes2[i]), a value in [0, 1]. Results have the boxes' dtype and
        device; the boxes are not changed.
Compute all pairs at once with broadcasting (广播): boxes1[:, None, :2] has shape
(N, 1, 2) and boxes2[:, :2] has shape (M, 2); together they broadcast to (N, M, 2).
"""

import torch


def box_area(boxes: torch.Tensor) -> torch.Tensor:
    # TODO: width times height of each box
    raise NotImplementedError


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    # TODO: upper-left and lower-right corners of every pairwise intersection (N, M, 2)
    # TODO: intersection areas (clamp negative sizes to 0), union areas, their ratio
    raise NotImplementedError
