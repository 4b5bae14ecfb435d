"""Counts pixels: w = x2 - x1 + 1 (the inclusive pixel-index convention), and back with - 1."""

import torch


def box_corner_to_center(boxes):
    x1, y1, x2, y2 = boxes.unbind(dim=-1)
    return torch.stack(((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1 + 1, y2 - y1 + 1), dim=-1)


def box_center_to_corner(boxes):
    cx, cy, w, h = boxes.unbind(dim=-1)
    w, h = w - 1, h - 1
    return torch.stack((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), dim=-1)
