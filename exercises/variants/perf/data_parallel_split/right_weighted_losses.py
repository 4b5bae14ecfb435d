"""Manual shard bounds; each replica's gradient via autograd.grad; weights applied as n_i/N in a stacked sum."""

import copy

import torch
from torch import nn


def split_batch(X: torch.Tensor, y: torch.Tensor, k: int) -> list[tuple]:
    n, extra = divmod(len(X), k)
    shards, start = [], 0
    for i in range(k):
        stop = start + n + (1 if i < extra else 0)
        shards.append((X[start:stop], y[start:stop]))
        start = stop
    return shards


def replica_gradients(model: nn.Module, shards: list[tuple], loss_fn) -> list[list]:
    out = []
    for X_i, y_i in shards:
        replica = copy.deepcopy(model)
        params = list(replica.parameters())
        out.append(list(torch.autograd.grad(loss_fn(replica(X_i), y_i), params)))
    return out


def all_reduce_mean(per_replica: list[list], sizes: list[int]) -> list[torch.Tensor]:
    weights = torch.tensor(sizes, dtype=torch.float64) / sum(sizes)
    reduced = []
    for grads in zip(*per_replica, strict=True):
        stacked = torch.stack(grads)
        w = weights.to(stacked).reshape(-1, *([1] * (stacked.dim() - 1)))
        reduced.append((w * stacked).sum(dim=0))
    return reduced


def data_parallel_grads(model: nn.Module, X: torch.Tensor, y: torch.Tensor, k: int,
                        loss_fn) -> list[torch.Tensor]:
    shards = split_batch(X, y, k)
    return all_reduce_mean(replica_gradients(model, shards, loss_fn),
                           [len(s[0]) for s in shards])
