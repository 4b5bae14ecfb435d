"""Removes boxes whose IoU is >= the threshold, so IoU exactly at the threshold is removed too."""

import torch


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """(N, M) IoU of every pair (given)."""
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    upper_left = torch.maximum(boxes1[:, None, :2], boxes2[:, :2])
    lower_right = torch.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    inter = (lower_right - upper_left).clamp(min=0).prod(dim=-1)
    return inter / (area1[:, None] + area2 - inter)


def nms(boxes, scores, iou_threshold):
    order = torch.argsort(scores, descending=True)
    keep = []
    while order.numel() > 0:
        best = order[0]
        keep.append(best)
        iou = box_iou(boxes[best][None], boxes[order[1:]]).reshape(-1)
        order = order[1:][iou < iou_threshold]
    return torch.stack(keep) if keep else torch.zeros(0, dtype=torch.int64)


def batched_nms(boxes, scores, classes, iou_threshold):
    kept = [torch.zeros(0, dtype=torch.int64)]
    for c in torch.unique(classes):
        members = torch.nonzero(classes == c).reshape(-1)
        kept.append(members[nms(boxes[members], scores[members], iou_threshold)])
    kept = torch.cat(kept)
    return kept[torch.argsort(scores[kept], descending=True)]
