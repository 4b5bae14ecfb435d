"""Strided slicing and flipping (切片, 步长, 翻转).

Basic slicing `x[start:stop:step]` picks every `step`-th element and returns a VIEW
(视图): no data is copied, the result shares memory (共享内存) with x. PyTorch does not
allow a negative step (`x[:, ::-1]` raises ValueError); use `torch.flip` / `x.flip(dim)`
to reverse, which makes a copy.

Task (x is a 2-D tensor of shape (R, C)):
    every_other_row(x)                  -> rows 0, 2, 4, ... of x, shape (ceil(R/2), C).
                                           Must be a view that shares x's memory.
    reverse_columns(x)                  -> x with the column order reversed (last column
                                           first), shape (R, C).
    subgrid(x, row0, col0, step)        -> the strided sub-grid of rows row0, row0+step, ...
                                           and columns col0, col0+step, ...; a view of x.

Inputs:  x of shape (R, C) with R, C >= 1, any dtype; 0 <= row0 < R, 0 <= col0 < C,
         step >= 1.
Outputs: tensors as described; x must not be changed.
"""

import torch


def every_other_row(x: torch.Tensor) -> torch.Tensor:
    # TODO: rows 0, 2, 4, ... as a view
    raise NotImplementedError


def reverse_columns(x: torch.Tensor) -> torch.Tensor:
    # TODO: reverse the column order (negative steps are not allowed)
    raise NotImplementedError


def subgrid(x: torch.Tensor, row0: int, col0: int, step: int) -> torch.Tensor:
    # TODO: a strided sub-grid starting at (row0, col0)
    raise NotImplementedError
