"""Swaps max and min: takes the union's bounding box as the intersection."""

import torch


def box_area(boxes):
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(boxes1, boxes2):
    upper_left = torch.minimum(boxes1[:, None, :2], boxes2[:, :2])
    lower_right = torch.maximum(boxes1[:, None, 2:], boxes2[:, 2:])
    inter = (lower_right - upper_left).clamp(min=0).prod(dim=-1)
    union = box_area(boxes1)[:, None] + box_area(boxes2) - inter
    return inter / union
