"""torch.tensor vs torch.Tensor: where the dtype comes from (数据类型推断).

Two constructors look alike but behave differently:

* `torch.tensor(data)` (lower-case, a function) copies `data` and INFERS the dtype
  (数据类型) from it: Python ints -> torch.int64, floats -> torch.float32 (the default
  float dtype), bools -> torch.bool; a single number gives a 0-d tensor (标量, shape ()).
* `torch.Tensor(data)` (upper-case, the class) always uses the global default dtype
  (默认数据类型, torch.float32). Given a single int n, `torch.Tensor(n)` does NOT hold n:
  it is an uninitialised (未初始化) tensor of shape (n,).

Task:
    inferred(data)         -> the tensor torch.tensor makes from `data` (dtype inferred).
    dtypes(data)           -> (dtype from torch.tensor(data), dtype from torch.Tensor(data)),
                              a tuple of two torch.dtype objects; `data` is a (nested) list.
    shapes(n)              -> (shape of torch.tensor(n), shape of torch.Tensor(n)) for an
                              int n >= 0, as a tuple of two torch.Size objects.
    as_float32(data)       -> a float32 tensor holding exactly the values of `data`, with the
                              same shape as `data`: a single number gives a 0-d tensor, a
                              (nested) list gives the matching shape.

Inputs:  data: a Python number, bool, or a (nested) list of them; n: an int.
Outputs: tensors, dtypes and shapes as described (the grader compares dtype strings such
         as "torch.int64").
"""

import torch


def inferred(data) -> torch.Tensor:
    # TODO: build a tensor whose dtype is inferred from the data
    raise NotImplementedError


def dtypes(data) -> tuple[torch.dtype, torch.dtype]:
    # TODO: the dtype torch.tensor picks, and the dtype torch.Tensor picks
    raise NotImplementedError


def shapes(n: int) -> tuple[torch.Size, torch.Size]:
    # TODO: the shape of torch.tensor(n) and the shape of torch.Tensor(n)
    raise NotImplementedError


def as_float32(data) -> torch.Tensor:
    # TODO: a float32 tensor with the same values and shape as data (careful with scalars)
    raise NotImplementedError
