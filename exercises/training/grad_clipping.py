"""Gradient clipping by global norm (梯度裁剪).

Exploding gradients (梯度爆炸) make single steps huge. Clipping by the global norm
rescales ALL gradients together so that their joint L2 norm is at most max_norm:

    total_norm = sqrt(sum over every parameter p of (p.grad ** 2).sum())
    if total_norm > max_norm: every p.grad *= max_norm / total_norm

The direction of the full gradient is kept; only its length is limited.
`torch.nn.utils.clip_grad_norm_(parameters, max_norm)` does exactly this in place and
returns total_norm measured BEFORE clipping.

Task:
    clip_gradients(parameters, max_norm) -> float
        By hand (no clip_grad_norm_): clip the .grad of the given parameters (a list of
        tensors whose .grad is set) in place as above, and return total_norm (before
        clipping) as a float. Leave the gradients untouched when total_norm <= max_norm.
    train_with_clipping(model, X, y, lr, max_norm, num_steps) -> list[float]
        optimizer = torch.optim.SGD(model.parameters(), lr=lr); loss_fn = nn.MSELoss().
        num_steps full-batch steps, each:
            zero_grad -> loss -> backward -> clip (torch.nn.utils.clip_grad_norm_ or your
            clip_gradients) -> optimizer.step()
        Returns the total gradient norm of every step (before clipping) as floats.

Inputs: model, an nn.Module on the device of X; X: (n, d) float32, y: (n, 1) float32.
Keep everything on its device.
"""

import torch
from torch import nn


def clip_gradients(parameters: list[torch.Tensor], max_norm: float) -> float:
    # TODO: the global L2 norm of all gradients; rescale them in place when it is too big
    raise NotImplementedError


def train_with_clipping(model: nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float,
                        max_norm: float, num_steps: int) -> list[float]:
    # TODO: SGD + MSELoss; each step: zero_grad, loss, backward, clip, step
    # TODO: return the norm measured at every step
    raise NotImplementedError
