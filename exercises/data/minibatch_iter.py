"""Reading a dataset in shuffled mini-batches, from scratch (读取数据集: 小批量迭代器).

Training with minibatch stochastic gradient descent (小批量随机梯度下降) visits the data
in random order: each epoch (迭代周期) shuffles (打乱) the sample indices, then hands out
consecutive chunks of `batch_size` samples. Features (特征) and labels (标签) must stay
paired: the same index picks both.

Task:
    minibatches(X, y, batch_size, shuffle=True, generator=None)
        a generator function (生成器, use `yield`) that yields (X_batch, y_batch) tuples.
        Order: if shuffle, a random permutation of 0..N-1 drawn with
        `torch.randperm(N, generator=generator)`; otherwise 0, 1, ..., N-1.
        Batches: consecutive chunks of that order, batch_size indices each; the last one
        holds what is left (it is smaller when N is not a multiple of batch_size).

Inputs:  X (N, ...) features, y (N,) labels, batch_size >= 1, shuffle a bool,
         generator an optional torch.Generator (the same seed gives the same order).
Outputs: yields ceil(N / batch_size) tuples; X_batch (b, ...) and y_batch (b,) with
         b = batch_size except possibly for the last. Every sample appears exactly once
         per pass. Do not change X or y.
"""

import torch


def minibatches(X: torch.Tensor, y: torch.Tensor, batch_size: int, shuffle: bool = True,
                generator: torch.Generator | None = None):
    # TODO: build the index order (torch.randperm when shuffling), then yield chunks
    raise NotImplementedError
