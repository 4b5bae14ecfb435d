"""Skips the replicas and back-propagates the whole batch once (wrong with BatchNorm)."""

import copy

import torch
from torch import nn


def split_batch(X: torch.Tensor, y: torch.Tensor, k: int) -> list[tuple]:
    return list(zip(torch.tensor_split(X, k), torch.tensor_split(y, k), strict=True))


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
    return replica_gradients(model, [(X, y)], loss_fn)[0]
