"""Labelling anchor boxes: which ground-truth box does each anchor learn? (为锚框分配真实边界框)

To train a detector, every anchor box (锚框) gets either a ground-truth box (真实边界框)
to predict, or the label "background" (背景). With the IoU (交并比) of every anchor with
every ground-truth box in a matrix X (na anchors x nb ground-truth boxes):

    1. start with every anchor unassigned (-1);
    2. threshold step: an anchor whose largest IoU (its best ground-truth box j) is
       >= iou_threshold is assigned to j;
    3. greedy step, nb rounds: find the largest entry X[i, j] of the whole matrix,
       assign anchor i to ground-truth box j (this overrides step 2 for anchor i), then
       discard row i and column j (set them to -1) so neither is picked again.
The greedy step makes sure every ground-truth box gets at least one anchor (its best
one), even when no anchor reaches the threshold.

Task:
    assign_anchor_to_bbox(ground_truth, anchors, iou_threshold=0.5) -> (na,) int64
        ground_truth: (nb, 4), anchors: (na, 4), float, corner format. Entry i is the
        index of the ground-truth box anchor i is assigned to, or -1. nb may be 0 (then
        all -1); na >= nb. Ties (equal IoU values) go to the first index, as torch.argmax
        does; the inputs are not changed.
    anchor_labels(assignment, gt_classes) -> (na,) int64
        gt_classes: (nb,) int64 class index (类别) of each ground-truth box, from 0.
        The class label of each anchor: 0 for background (assignment -1), otherwise
        gt_classes[assignment[i]] + 1 (class 0 becomes label 1: label 0 is background).
box_iou (from the exercise vision/box_iou) is given.
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


def assign_anchor_to_bbox(ground_truth: torch.Tensor, anchors: torch.Tensor,
                          iou_threshold: float = 0.5) -> torch.Tensor:
    # TODO: IoU of every anchor with every ground-truth box
    # TODO: threshold step: anchors whose best IoU >= iou_threshold
    # TODO: greedy step: nb times take the largest entry, assign, discard its row and column
    raise NotImplementedError


def anchor_labels(assignment: torch.Tensor, gt_classes: torch.Tensor) -> torch.Tensor:
    # TODO: 0 for background, the ground-truth class + 1 otherwise
    raise NotImplementedError
