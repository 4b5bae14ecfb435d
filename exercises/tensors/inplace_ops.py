"""In-place vs out-of-place operations (原地操作与非原地操作).

Most tensor methods come in two flavours:

* out-of-place (非原地): `x.add(y)` or `x + y` returns a NEW tensor; x is unchanged.
* in-place (原地, trailing underscore): `x.add_(y)` writes the result into x's own memory
  and returns x itself (the same Python object). `x += y` is in place too, but
  `x = x + y` only rebinds a local name: the caller's tensor is not changed.

Task:
    add_new(x, y)            -> x + y as a new tensor. x and y must NOT be changed.
    add_into(x, y)           -> add y into x IN PLACE and return x itself (the same object,
                                the same memory).
    scale_all_(tensors, c)   -> multiply every tensor in the list `tensors` by the number c
                                IN PLACE; returns None. The caller keeps references to the
                                same tensor objects and must see them changed.

Inputs:  x: a tensor of any shape; y: a tensor of the same shape or one that broadcasts
         (广播) to x's shape (e.g. a row of shape (D,) for x of shape (N, D)), same dtype;
         tensors: a list of float tensors; c: a Python float.
Outputs: as described; dtypes are kept.
"""

import torch


def add_new(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # TODO: return the sum as a new tensor, leaving x and y alone
    raise NotImplementedError


def add_into(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # TODO: add y into x in place and return x
    raise NotImplementedError


def scale_all_(tensors: list[torch.Tensor], c: float) -> None:
    # TODO: scale each tensor in place (rebinding a loop variable changes nothing)
    raise NotImplementedError
