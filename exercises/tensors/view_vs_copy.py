"""A view shares memory, a clone does not (视图与复制).

`Tensor.view` (视图) gives a tensor with a new shape that reads the *same* storage
(共享内存) as the original: writing through the view changes the original. `clone`
makes a real copy.

Task:
    flat_view(x)  -> a 1-D tensor of all x's elements that SHARES x's memory.
    flat_copy(x)  -> a 1-D tensor of all x's elements that does NOT share memory.

Inputs:  x, a contiguous tensor of any shape, e.g. (2, 3).
Outputs: tensors of shape (x.numel(),), same dtype as x.
"""

import torch


def flat_view(x: torch.Tensor) -> torch.Tensor:
    # TODO: return a flat tensor that shares memory with x
    raise NotImplementedError


def flat_copy(x: torch.Tensor) -> torch.Tensor:
    # TODO: return a flat tensor with its own memory
    raise NotImplementedError
