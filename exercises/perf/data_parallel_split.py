"""Data parallelism by hand: split the batch, one replica per shard, average gradients (数据并行).

With k GPUs, data parallel training (数据并行) copies the model to every device (模型副本,
replica), gives each replica one shard of the minibatch, runs forward and backward there,
then combines the gradients (all-reduce) so that every replica takes the same step. Done
right, the combined gradient equals the gradient of the whole batch on one device.

Careful with uneven shards: each replica's loss is a MEAN over its own shard, so the
shard gradients must be weighted by shard size, n_i / N, not simply averaged (plain
averaging is only right when all shards have the same size). And a layer that looks at
the whole batch (BatchNorm in training mode) sees only its shard on each replica: there
the result differs from one big batch, and that is what real data parallelism computes.

Task:
    split_batch(X, y, k) -> list of k (X_i, y_i) pairs
        shards along dim 0 in order, sizes differing by at most one, the larger ones first
        (N = 10, k = 3 -> sizes 4, 3, 3; N = 9, k = 4 -> 3, 2, 2, 2). N >= k >= 1.
    replica_gradients(model, shards, loss_fn) -> list (one per shard) of lists of tensors
        for each shard: a fresh copy of the model (copy.deepcopy), loss_fn(replica(X_i),
        y_i), backward, and that replica's gradients in model.parameters() order.
        The model itself is not changed and gets no .grad.
    all_reduce_mean(per_replica, sizes) -> list of tensors
        one tensor per parameter: the shard-size-weighted mean sum_i (n_i / N) * g_i.
    data_parallel_grads(model, X, y, k, loss_fn) -> list of tensors
        the three above, put together.

Inputs: model, an nn.Module; X (N, ...) and y (N, ...) on the model's device; loss_fn a
mean-reduced loss such as nn.MSELoss().
Outputs: gradient lists with the parameters' shapes, on their device.
"""

import copy  # noqa: F401

import torch
from torch import nn


def split_batch(X: torch.Tensor, y: torch.Tensor, k: int) -> list[tuple]:
    # TODO: k shards, sizes differing by at most one, larger ones first
    raise NotImplementedError


def replica_gradients(model: nn.Module, shards: list[tuple], loss_fn) -> list[list]:
    # TODO: per shard: deepcopy the model, forward, loss, backward, collect the grads
    raise NotImplementedError


def all_reduce_mean(per_replica: list[list], sizes: list[int]) -> list[torch.Tensor]:
    # TODO: sum_i (n_i / N) * g_i, parameter by parameter
    raise NotImplementedError


def data_parallel_grads(model: nn.Module, X: torch.Tensor, y: torch.Tensor, k: int,
                        loss_fn) -> list[torch.Tensor]:
    # TODO: split, replica gradients, all-reduce
    raise NotImplementedError
