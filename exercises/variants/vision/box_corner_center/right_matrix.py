"""Both conversions are linear maps of the last dim: multiply by a 4x4 matrix."""

import torch

TO_CENTER = [[0.5, 0.0, -1.0, 0.0],
             [0.0, 0.5, 0.0, -1.0],
             [0.5, 0.0, 1.0, 0.0],
             [0.0, 0.5, 0.0, 1.0]]
TO_CORNER = [[1.0, 0.0, 1.0, 0.0],
             [0.0, 1.0, 0.0, 1.0],
             [-0.5, 0.0, 0.5, 0.0],
             [0.0, -0.5, 0.0, 0.5]]


def box_corner_to_center(boxes):
    return boxes @ torch.tensor(TO_CENTER, dtype=boxes.dtype, device=boxes.device)


def box_center_to_corner(boxes):
    return boxes @ torch.tensor(TO_CORNER, dtype=boxes.dtype, device=boxes.device)
