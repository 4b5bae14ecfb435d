"""Splits the coordinates with unbind and broadcasts with unsqueeze."""

import torch


def box_area(boxes):
    x1, y1, x2, y2 = boxes.unbind(-1)
    return (x2 - x1) * (y2 - y1)


def box_iou(boxes1, boxes2):
    ax1, ay1, ax2, ay2 = (c.unsqueeze(1) for c in boxes1.unbind(-1))
    bx1, by1, bx2, by2 = (c.unsqueeze(0) for c in boxes2.unbind(-1))
    w = (torch.minimum(ax2, bx2) - torch.maximum(ax1, bx1)).clamp(min=0)
    h = (torch.minimum(ay2, by2) - torch.maximum(ay1, by1)).clamp(min=0)
    inter = w * h
    return inter / (box_area(boxes1).unsqueeze(1) + box_area(boxes2).unsqueeze(0) - inter)
