"""Reference solution: vision/assign_anchors."""

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
    na, nb = len(anchors), len(ground_truth)
    assignment = torch.full((na,), -1, device=anchors.device)
    if nb == 0:
        return assignment
    iou = box_iou(anchors, ground_truth)
    best_iou, best_box = iou.max(dim=1)
    confident = best_iou >= iou_threshold
    assignment[confident] = best_box[confident]
    for _ in range(nb):
        i, j = divmod(int(torch.argmax(iou)), nb)  # row and column of the largest entry
        assignment[i] = j
        iou[i, :] = -1
        iou[:, j] = -1
    return assignment


def anchor_labels(assignment: torch.Tensor, gt_classes: torch.Tensor) -> torch.Tensor:
    labels = torch.zeros_like(assignment)
    assigned = assignment >= 0
    labels[assigned] = gt_classes[assignment[assigned]] + 1
    return labels
