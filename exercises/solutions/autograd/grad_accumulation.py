"""Reference solution: autograd/grad_accumulation."""

import torch
from torch import nn


def accumulate_gradients(model: nn.Module, loss_fn, x: torch.Tensor, y: torch.Tensor,
                         micro_batch_size: int) -> float:
    model.zero_grad()
    n = x.shape[0]
    total = 0.0
    for xc, yc in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size),
                      strict=True):
        loss = loss_fn(model(xc), yc) * (xc.shape[0] / n)
        loss.backward()
        total += loss.item()
    return total
