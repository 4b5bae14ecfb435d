"""Pairwise squared distances by broadcasting (广播机制).

Broadcasting (广播) lines up shapes from the right; a dimension of size 1 is stretched
to match the other tensor. With `x[:, None, :]` of shape (N, 1, D) and `y[None, :, :]`
of shape (1, M, D), `x[:, None, :] - y[None, :, :]` has shape (N, M, D): every
difference of a point of x and a point of y, with no Python loop.

Task:
    pairwise_sq_dists(x, y) -> the (N, M) matrix whose entry [i, j] is the squared
                               Euclidean distance (欧氏距离的平方) between x[i] and y[j]:
                               sum over d of (x[i, d] - y[j, d])**2.
    nearest(x, y)           -> for every point of x, the index (int64) of the closest
                               point of y; shape (N,).

Inputs:  x of shape (N, D) and y of shape (M, D), same float dtype, N, M, D >= 1.
Outputs: pairwise_sq_dists: shape (N, M), same dtype as x, entries >= 0;
         nearest: shape (N,), dtype int64. Do not use Python loops over the points.
"""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # TODO: broadcast (N, 1, D) against (1, M, D), square, sum over D
    raise NotImplementedError


def nearest(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # TODO: the index of the smallest distance in every row
    raise NotImplementedError
