"""Reductions along a dimension with keepdim (按维度归约与 keepdim).

A reduction such as `x.sum(dim=1)` removes the reduced dimension: (N, D) -> (N,).
With `keepdim=True` the dimension stays with size 1: (N, D) -> (N, 1), which then
broadcasts (广播) correctly against x. Without keepdim, `x / x.sum(dim=1)` either raises
or — for a square matrix — silently divides the wrong way.

`x.max(dim=...)` returns a pair (values, indices); use `.values`.

Task:
    row_normalize(x)      -> x divided by its sums along the LAST dimension, so every
                             row (every slice along dim=-1) sums to 1. x has shape (..., D)
                             with positive entries; same shape as x.
    center(x, dim)        -> x minus its mean along `dim` (均值), so the mean along `dim`
                             becomes 0; same shape as x.
    column_max_scale(x)   -> for a 2-D x of shape (N, D): every column divided by that
                             column's largest absolute value, so each column's largest
                             |entry| becomes 1; shape (N, D). No column is all zeros.

Inputs:  float tensors; dim is an int (may be negative).
Outputs: new tensors (x must not be changed), same shape and dtype as x.
"""

import torch


def row_normalize(x: torch.Tensor) -> torch.Tensor:
    # TODO: divide by the sum along the last dim (keep the dim for broadcasting)
    raise NotImplementedError


def center(x: torch.Tensor, dim: int) -> torch.Tensor:
    # TODO: subtract the mean along dim
    raise NotImplementedError


def column_max_scale(x: torch.Tensor) -> torch.Tensor:
    # TODO: divide each column by its largest absolute value
    raise NotImplementedError
