"""NumPy and PyTorch: shared memory or a copy (与NumPy互相转换).

A CPU tensor and a NumPy ndarray can share the same memory (共享内存):

    torch.from_numpy(a)   a tensor that SHARES a's memory: writing one changes the other
    t.numpy()             an ndarray that SHARES t's memory (t on the CPU, no grad)
    torch.tensor(a)       a tensor with its OWN copy of the data (复制)

Both keep the dtype: NumPy's default float64 becomes a float64 tensor, not PyTorch's
default float32, so models (float32) usually need an explicit conversion. A tensor that
requires grad refuses .numpy() (autograd would not see changes made through NumPy):
detach() it first, which still shares memory. A CUDA tensor must come to the CPU first.

Task:
    shared_from_numpy(a) -> tensor sharing a's memory, same dtype and shape
    copied_from_numpy(a) -> tensor with its own memory, same dtype and shape
    to_numpy(t)          -> ndarray with t's values, dtype and shape; it shares t's memory
                            when t is on the CPU, also when t requires grad
    as_float32(a)        -> a float32 tensor with a's values, whatever a's numeric dtype

Inputs: a, an ndarray (float64, float32, int32, int64...; possibly a strided view such
as a[::2]); t, a tensor. Do not change a or t.
"""

import numpy as np  # noqa: F401
import torch


def shared_from_numpy(a) -> torch.Tensor:
    # TODO: a tensor that shares a's memory
    raise NotImplementedError


def copied_from_numpy(a) -> torch.Tensor:
    # TODO: a tensor with its own copy
    raise NotImplementedError


def to_numpy(t: torch.Tensor):
    # TODO: an ndarray sharing t's memory (detach first if t requires grad; CUDA: to the CPU)
    raise NotImplementedError


def as_float32(a) -> torch.Tensor:
    # TODO: a float32 tensor
    raise NotImplementedError
