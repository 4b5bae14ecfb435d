"""Measures both centre offsets in anchor widths (divides cy by w_a too)."""

import torch


def box_corner_to_center(boxes: torch.Tensor) -> torch.Tensor:
    """(x1, y1, x2, y2) -> (cx, cy, w, h) (given)."""
    x1, y1, x2, y2 = boxes.unbind(dim=-1)
    return torch.stack(((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1), dim=-1)


def box_center_to_corner(boxes: torch.Tensor) -> torch.Tensor:
    """(cx, cy, w, h) -> (x1, y1, x2, y2) (given)."""
    cx, cy, w, h = boxes.unbind(dim=-1)
    return torch.stack((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), dim=-1)


def offset_boxes(anchors, assigned_bb, eps=1e-6):
    a = box_corner_to_center(anchors)
    b = box_corner_to_center(assigned_bb)
    offset_xy = 10 * (b[:, :2] - a[:, :2]) / a[:, 2:3]
    offset_wh = 5 * torch.log(eps + b[:, 2:] / a[:, 2:])
    return torch.cat((offset_xy, offset_wh), dim=1)


def offset_inverse(anchors, offset_preds):
    a = box_corner_to_center(anchors)
    xy = offset_preds[:, :2] * a[:, 2:3] / 10 + a[:, :2]
    wh = torch.exp(offset_preds[:, 2:] / 5) * a[:, 2:]
    return box_center_to_corner(torch.cat((xy, wh), dim=1))


def target_offsets(anchors, ground_truth, assignment):
    assigned = assignment >= 0
    mask = assigned.to(anchors.dtype)[:, None].repeat(1, 4)
    assigned_bb = torch.zeros_like(anchors)
    assigned_bb[assigned] = ground_truth[assignment[assigned]]
    return offset_boxes(anchors, assigned_bb) * mask, mask
