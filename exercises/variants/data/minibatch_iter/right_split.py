"""Splits the permutation with torch.split and yields from a generator expression."""

import torch


def minibatches(X: torch.Tensor, y: torch.Tensor, batch_size: int, shuffle: bool = True,
                generator: torch.Generator | None = None):
    order = torch.randperm(len(X), generator=generator) if shuffle else torch.arange(len(X))
    yield from ((X[idx], y[idx]) for idx in torch.split(order, batch_size))
