"""Correct: flatten the normalised dims and use torch.var_mean(correction=0)."""

import torch
from torch import nn


def layer_norm(X, normalized_shape, weight=None, bias=None, eps=1e-5):
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    k = len(normalized_shape)
    flat = X.flatten(start_dim=X.dim() - k)
    var, mean = torch.var_mean(flat, dim=-1, keepdim=True, correction=0)
    Y = ((flat - mean) * torch.rsqrt(var + eps)).view(X.shape)
    if weight is not None:
        Y = Y * weight
    if bias is not None:
        Y = Y + bias
    return Y


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps=1e-5):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.shape, self.eps = tuple(normalized_shape), eps
        self.weight = nn.Parameter(torch.ones(*self.shape))
        self.bias = nn.Parameter(torch.zeros(*self.shape))

    def forward(self, X):
        return layer_norm(X, self.shape, self.weight, self.bias, self.eps)
