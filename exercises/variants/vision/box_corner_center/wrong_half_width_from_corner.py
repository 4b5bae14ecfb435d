"""center -> corner forgets the halves: x1 = cx - w, x2 = cx + w."""

import torch


def box_corner_to_center(boxes):
    x1, y1, x2, y2 = boxes.unbind(dim=-1)
    return torch.stack(((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1), dim=-1)


def box_center_to_corner(boxes):
    cx, cy, w, h = boxes.unbind(dim=-1)
    return torch.stack((cx - w, cy - h, cx + w, cy + h), dim=-1)
