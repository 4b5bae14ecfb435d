"""Strides, contiguity and why view sometimes fails (步长, 连续性).

A tensor is a window onto a flat block of memory (存储). Its `stride()` (步长) says how
many elements to skip in memory to move one step along each dimension; `storage_offset()`
is where element [0, 0, ...] sits. A (3, 4) tensor made by `reshape` has stride (4, 1);
its transpose `x.t()` shares the memory and just swaps the strides to (1, 4), so it is
no longer contiguous (不连续). `view` needs a compatible memory layout and raises on such
a tensor; `reshape` copies when it must, and `.contiguous()` makes a contiguous copy.

Task:
    element_offset(t, index)   -> the position in memory (an int, counted in elements from
                                  the start of the storage) of t[index], where index is a
                                  tuple with one int per dimension. Use t.storage_offset()
                                  and t.stride(); do not read the values.
    flatten_transposed(x)      -> the elements of the 2-D tensor x read column by column
                                  (first column top to bottom, then the second, ...), as a
                                  1-D tensor of x.numel() elements.
    transpose_contiguous(x)    -> x.t() as a CONTIGUOUS tensor (is_contiguous() is True)
                                  with its own memory; shape (C, R) for x of shape (R, C).

Inputs:  t: any tensor, possibly a view (transposed, sliced, strided); index: a tuple of
         valid non-negative indices; x: a 2-D tensor of shape (R, C).
Outputs: an int; tensors as described. Nothing may change x.
"""

import torch


def element_offset(t: torch.Tensor, index: tuple[int, ...]) -> int:
    # TODO: storage_offset + sum of index[i] * stride[i]
    raise NotImplementedError


def flatten_transposed(x: torch.Tensor) -> torch.Tensor:
    # TODO: x read column by column (x.t().view(-1) raises: why?)
    raise NotImplementedError


def transpose_contiguous(x: torch.Tensor) -> torch.Tensor:
    # TODO: the transpose, laid out contiguously in new memory
    raise NotImplementedError
