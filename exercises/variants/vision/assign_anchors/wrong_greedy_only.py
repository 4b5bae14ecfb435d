"""Only the greedy step: anchors above the threshold that are nobody's best stay background."""

import torch


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """(N, M) IoU of every pair (given)."""
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    upper_left = torch.maximum(boxes1[:, None, :2], boxes2[:, :2])
    lower_right = torch.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    inter = (lower_right - upper_left).clamp(min=0).prod(dim=-1)
    return inter / (area1[:, None] + area2 - inter)


def assign_anchor_to_bbox(ground_truth, anchors, iou_threshold=0.5):
    na, nb = len(anchors), len(ground_truth)
    assignment = torch.full((na,), -1, dtype=torch.int64)
    if nb == 0:
        return assignment
    iou = box_iou(anchors, ground_truth)
    for _ in range(nb):
        flat = int(torch.argmax(iou))
        i, j = flat // nb, flat % nb
        assignment[i] = j
        iou[i, :] = -1
        iou[:, j] = -1
    return assignment


def anchor_labels(assignment, gt_classes):
    if len(gt_classes) == 0:
        return torch.zeros_like(assignment)
    return torch.where(assignment >= 0, gt_classes[assignment.clamp(min=0)] + 1, 0)
