"""Encoding a box as offsets from its anchor, and decoding back (锚框偏移量).

A detector does not predict box coordinates directly: for each anchor box (锚框) it
predicts offsets (偏移量) that move and stretch the anchor onto the object. With the
anchor (a) and the assigned ground-truth box (b) (真实边界框) in center format
(cx, cy, w, h), the usual transformation (中心坐标的偏移量, 宽高的对数比) scaled by the
constants 0.1 and 0.2 (so the offsets are spread out, roughly unit-sized) is

    offset_x = 10 * (cx_b - cx_a) / w_a      offset_w = 5 * log(eps + w_b / w_a)
    offset_y = 10 * (cy_b - cy_a) / h_a      offset_h = 5 * log(eps + h_b / h_a)

(x is measured in anchor widths, y in anchor heights; eps = 1e-6 keeps the log finite).
Decoding (offset_inverse) reverses it for predicted offsets:
    cx = offset_x * w_a / 10 + cx_a,   w = exp(offset_w / 5) * w_a   (the same for y, h)
and returns the predicted boxes (预测边界框) in corner format.

Task (all boxes given in corner format (x1, y1, x2, y2); results have the inputs' dtype):
    offset_boxes(anchors, assigned_bb, eps=1e-6) -> (na, 4)
        anchors, assigned_bb: (na, 4); row i is the offset of assigned_bb[i] from anchors[i].
    offset_inverse(anchors, offset_preds) -> (na, 4) corner-format boxes
    target_offsets(anchors, ground_truth, assignment) -> (offsets (na, 4), mask (na, 4))
        ground_truth: (nb, 4); assignment: (na,) int64, the ground-truth index of each
        anchor or -1 for background (as from vision/assign_anchors); nb may be 0.
        mask (掩码) is 1.0 in all four columns of an assigned anchor and 0.0 for a
        background anchor (a float tensor of anchors' dtype); offsets is offset_boxes of
        each anchor and its assigned box, times the mask, so background rows are 0.
The inputs are not changed. box_corner_to_center and box_center_to_corner are given.
"""

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
    # TODO: both to center format; centre offsets in anchor sizes (x 10), log size ratios (x 5)
    raise NotImplementedError


def offset_inverse(anchors: torch.Tensor, offset_preds: torch.Tensor) -> torch.Tensor:
    # TODO: undo the transformation, return corner format
    raise NotImplementedError


def target_offsets(anchors: torch.Tensor, ground_truth: torch.Tensor,
                   assignment: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: the mask from the assignment, each anchor's assigned box, masked offsets
    raise NotImplementedError
