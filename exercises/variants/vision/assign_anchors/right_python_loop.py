"""Greedy step with a Python set of used anchors and boxes, searching the matrix by hand."""

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
    result = [-1] * na
    if nb:
        iou = box_iou(anchors, ground_truth).tolist()
        for i, row in enumerate(iou):
            j = max(range(nb), key=lambda k: (row[k], -k))
            if row[j] >= iou_threshold:
                result[i] = j
        used_anchors, used_boxes = set(), set()
        for _ in range(nb):
            best = None
            for i in range(na):
                for j in range(nb):
                    if i in used_anchors or j in used_boxes:
                        continue
                    if best is None or iou[i][j] > iou[best[0]][best[1]]:
                        best = (i, j)
            result[best[0]] = best[1]
            used_anchors.add(best[0])
            used_boxes.add(best[1])
    return torch.tensor(result, dtype=torch.int64, device=anchors.device)


def anchor_labels(assignment, gt_classes):
    if len(gt_classes) == 0:
        return torch.zeros_like(assignment)
    return torch.where(assignment >= 0, gt_classes[assignment.clamp(min=0)] + 1, 0)
