"""Divides by the smaller box's area (intersection over minimum), not by the union."""

import torch


def box_area(boxes):
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(boxes1, boxes2):
    upper_left = torch.maximum(boxes1[:, None, :2], boxes2[:, :2])
    lower_right = torch.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    inter = (lower_right - upper_left).clamp(min=0).prod(dim=-1)
    return inter / torch.minimum(box_area(boxes1)[:, None], box_area(boxes2))
