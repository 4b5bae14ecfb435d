"""Bounding boxes: corner format and center format (边界框: 两角表示法与中心表示法).

Object detection (目标检测) gives the position of each object as a bounding box (边界框,
d2l calls it 边缘框). Two ways to write one box are common:
    corner format (x1, y1, x2, y2): the upper-left corner (左上角) and the lower-right
                                    corner (右下角)
    center format (cx, cy, w, h):   the center (中心) and the width and height (宽, 高)
Image coordinates: x grows to the right, y grows downwards, the origin is the image's
upper-left corner. Coordinates are continuous, so
    cx = (x1 + x2) / 2,   cy = (y1 + y2) / 2,   w = x2 - x1,   h = y2 - y1
(no "+ 1" as in some pixel-index conventions), and the other way
    x1 = cx - w / 2,   y1 = cy - h / 2,   x2 = cx + w / 2,   y2 = cy + h / 2.

Task:
    box_corner_to_center(boxes) -> tensor with boxes' shape
    box_center_to_corner(boxes) -> tensor with boxes' shape
        boxes: a float tensor of shape (..., 4): the last dim holds one box, and there
        may be any number of leading dims: (4,) for one box, (N, 4), (B, N, 4); N may
        be 0. The result has boxes' shape, dtype and device.
        boxes itself must not be changed: return a new tensor.
Converting one way and back gives the original boxes (up to rounding).
"""

import torch


def box_corner_to_center(boxes: torch.Tensor) -> torch.Tensor:
    # TODO: (x1, y1, x2, y2) -> (cx, cy, w, h) along the last dim
    raise NotImplementedError


def box_center_to_corner(boxes: torch.Tensor) -> torch.Tensor:
    # TODO: (cx, cy, w, h) -> (x1, y1, x2, y2) along the last dim
    raise NotImplementedError
