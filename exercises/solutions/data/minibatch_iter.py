"""Reference solution: data/minibatch_iter."""

import torch


def minibatches(X: torch.Tensor, y: torch.Tensor, batch_size: int, shuffle: bool = True,
                generator: torch.Generator | None = None):
    n = len(X)
    order = torch.randperm(n, generator=generator) if shuffle else torch.arange(n)
    for start in range(0, n, batch_size):
        idx = order[start:start + batch_size]
        yield X[idx], y[idx]
