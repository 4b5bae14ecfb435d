"""Builds and returns a list of batches instead of yielding them (not a generator)."""

import torch


def minibatches(X: torch.Tensor, y: torch.Tensor, batch_size: int, shuffle: bool = True,
                generator: torch.Generator | None = None):
    n = len(X)
    order = torch.randperm(n, generator=generator) if shuffle else torch.arange(n)
    return [(X[order[s:s + batch_size]], y[order[s:s + batch_size]])
            for s in range(0, n, batch_size)]
