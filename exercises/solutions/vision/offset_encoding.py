"""Reference solution: vision/offset_encoding."""

import torch


def box_corner_to_center(boxes: torch.Tensor) -> torch.Tensor:
    """(x1, y1, x2, y2) -> (cx, cy, w, h) (given)."""
    x1, y1, x2, y2 = boxes.unbind(dim=-1)
    return torch.stack(((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1), dim=-1)


def box_center_to_corner(boxes: torch.Tensor) -> torch.Tensor:
    """(cx, cy, w, h) -> (x1, y1, x2, y2) (given)."""
    cx, cy, w, h = boxes.unbind(dim=-1)
    return torch.stack((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), dim=-1)


def offset_boxes(anchors: torch.Tensor, assigned_bb: torch.Tensor,
                 eps: float = 1e-6) -> torch.Tensor:
    a = box_corner_to_center(anchors)
    b = box_corner_to_center(assigned_bb)
    offset_xy = 10 * (b[:, :2] - a[:, :2]) / a[:, 2:]
    offset_wh = 5 * torch.log(eps + b[:, 2:] / a[:, 2:])
    return torch.cat((offset_xy, offset_wh), dim=1)


def offset_inverse(anchors: torch.Tensor, offset_preds: torch.Tensor) -> torch.Tensor:
    a = box_corner_to_center(anchors)
    xy = offset_preds[:, :2] * a[:, 2:] / 10 + a[:, :2]
    wh = torch.exp(offset_preds[:, 2:] / 5) * a[:, 2:]
    return box_center_to_corner(torch.cat((xy, wh), dim=1))


def target_offsets(anchors: torch.Tensor, ground_truth: torch.Tensor,
                   assignment: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    assigned = assignment >= 0
    mask = assigned.to(anchors.dtype)[:, None].repeat(1, 4)
    offsets = torch.zeros_like(anchors)
    offsets[assigned] = offset_boxes(anchors[assigned], ground_truth[assignment[assigned]])
    return offsets, mask
