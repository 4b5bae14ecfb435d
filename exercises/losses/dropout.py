"""Dropout from scratch (暂退法 / 丢弃法).

Dropout (暂退法) regularises a network by zeroing each activation independently with
probability p during training (训练模式). The survivors are scaled by 1 / (1 - p), so
the expectation (期望) of every element is unchanged:

    out_i = 0               with probability p
          = x_i / (1 - p)   with probability 1 - p

In evaluation mode (评估模式 / 测试时) dropout does nothing: the output is the input.

Task:
    dropout(X, p, training=True) -> tensor
        training=False: return X unchanged.
        training=True: draw a fresh random mask (掩码) for every call, element by element
        (e.g. `torch.rand_like(X) > p`), zero the dropped elements and divide the kept ones
        by 1 - p. Edge cases: p = 0 returns X's values; p = 1 returns all zeros (not nan).
        Raise ValueError if p is not in [0, 1].
    class Dropout(nn.Module)
        Dropout(p); forward(X) applies dropout(X, p, training=self.training), so
        `model.train()` / `model.eval()` switch it on and off.

Inputs:  X, a float tensor of any shape; p, the drop probability (丢弃概率) in [0, 1].
Outputs: a tensor with X's shape and dtype, differentiable with respect to X
         (the gradient is mask / (1 - p)). Do not change X in place.
Do not call torch.nn.functional.dropout or nn.Dropout in your answer.
"""

import torch
from torch import nn


def dropout(X: torch.Tensor, p: float, training: bool = True) -> torch.Tensor:
    # TODO: validate p; identity when not training; otherwise mask and rescale by 1 / (1 - p)
    raise NotImplementedError


class Dropout(nn.Module):
    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: use dropout(...) with training=self.training
        raise NotImplementedError
