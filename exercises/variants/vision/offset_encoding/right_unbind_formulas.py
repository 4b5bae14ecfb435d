"""Writes each of the four offsets on its own from unbound coordinates."""

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
    ax, ay, aw, ah = box_corner_to_center(anchors).unbind(-1)
    bx, by, bw, bh = box_corner_to_center(assigned_bb).unbind(-1)
    return torch.stack((10 * (bx - ax) / aw, 10 * (by - ay) / ah,
                        5 * torch.log(eps + bw / aw), 5 * torch.log(eps + bh / ah)), dim=-1)


def offset_inverse(anchors, offset_preds):
    ax, ay, aw, ah = box_corner_to_center(anchors).unbind(-1)
    ox, oy, ow, oh = offset_preds.unbind(-1)
    center = torch.stack((ax + ox * aw / 10, ay + oy * ah / 10,
                          aw * torch.exp(ow / 5), ah * torch.exp(oh / 5)), dim=-1)
    return box_center_to_corner(center)


def target_offsets(anchors, ground_truth, assignment):
    keep = (assignment >= 0)[:, None]
    if len(ground_truth) == 0:
        safe = anchors
    else:
        safe = torch.where(keep, ground_truth[assignment.clamp(min=0)], anchors)
    offsets = torch.where(keep, offset_boxes(anchors, safe), torch.zeros_like(anchors))
    return offsets, keep.expand(-1, 4).to(anchors.dtype)
