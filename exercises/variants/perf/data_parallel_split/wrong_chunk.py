"""Splits with torch.chunk, which can give fewer than k shards (N = 9, k = 4 -> 3)."""

import copy

import torch
from torch import nn


def split_batch(X: torch.Tensor, y: torch.Tensor, k: int) -> list[tuple]:
    return list(zip(torch.chunk(X, k), torch.chunk(y, k), strict=True))


def replica_gradients(model: nn.Module, shards: list[tuple], loss_fn) -> list[list]:
    per_replica = []
    for X_i, y_i in shards:
        replica = copy.deepcopy(model)
        loss_fn(replica(X_i), y_i).backward()
        per_replica.append([p.grad for p in replica.parameters()])
    return per_replica


def all_reduce_mean(per_replica: list[list], sizes: list[int]) -> list[torch.Tensor]:
    total = sum(sizes)
    return [sum(n / total * g for n, g in zip(sizes, grads, strict=True))
            for grads in zip(*per_replica, strict=True)]


def data_parallel_grads(model: nn.Module, X: torch.Tensor, y: torch.Tensor, k: int,
                        loss_fn) -> list[torch.Tensor]:
    shards = split_batch(X, y, k)
    per_replica = replica_gradients(model, shards, loss_fn)
    return all_reduce_mean(per_replica, [len(X_i) for X_i, _ in shards])
