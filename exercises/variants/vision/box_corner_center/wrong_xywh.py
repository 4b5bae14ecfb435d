"""Returns COCO's (x1, y1, w, h) (upper-left corner and size) instead of the center."""

import torch


def box_corner_to_center(boxes):
    x1, y1, x2, y2 = boxes.unbind(dim=-1)
    return torch.stack((x1, y1, x2 - x1, y2 - y1), dim=-1)


def box_center_to_corner(boxes):
    x, y, w, h = boxes.unbind(dim=-1)
    return torch.stack((x, y, x + w, y + h), dim=-1)
