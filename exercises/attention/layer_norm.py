"""Layer normalization from scratch, equal to nn.LayerNorm (层规范化).

Batch normalization (批量规范化) standardises each feature with statistics taken over the
examples of a minibatch; in NLP the sequences have varying lengths and batches can be
small, so the Transformer uses layer normalization instead: each example is standardised
over ITS OWN features, independently of every other example in the batch:

    Y = (X - mean) / sqrt(var + eps) * weight + bias

mean and var are taken over the last len(normalized_shape) dims of X, for each position
of the leading dims separately; var is the BIASED variance (divide by the number of
values), as torch does. weight (增益) and bias (偏置) have shape normalized_shape.

Task:
    layer_norm(X, normalized_shape, weight=None, bias=None, eps=1e-5) -> Y, X's shape/dtype
        normalized_shape: an int or a tuple of ints, the sizes of X's last dims
        (e.g. d for (B, L, d) token features, or (C, H, W) for whole images).
        weight / bias None: no scale / no shift. A row with all-equal values has var 0:
        Y is then the bias (never NaN). Differentiable with respect to X, weight, bias.
    class LayerNorm(nn.Module)
        __init__(normalized_shape, eps=1e-5): self.weight = nn.Parameter of ones and
        self.bias = nn.Parameter of zeros, both of shape normalized_shape (as a tuple) --
        the same names as nn.LayerNorm, so its state_dict loads into yours.
        forward(X) -> layer_norm(X, normalized_shape, self.weight, self.bias, eps)

Do not call F.layer_norm, nn.LayerNorm, F.group_norm or torch.var (it defaults to the
unbiased variance) in your answer. Do not change the inputs in place.
"""

import torch
from torch import nn


def layer_norm(X: torch.Tensor, normalized_shape: int | tuple[int, ...],
               weight: torch.Tensor | None = None, bias: torch.Tensor | None = None,
               eps: float = 1e-5) -> torch.Tensor:
    # TODO: the dims to reduce: the last len(normalized_shape) ones
    # TODO: mean and biased variance with keepdim, standardise, then scale and shift
    raise NotImplementedError


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape: int | tuple[int, ...], eps: float = 1e-5) -> None:
        super().__init__()
        # TODO: weight (ones) and bias (zeros) parameters of shape normalized_shape
        raise NotImplementedError

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: layer_norm with this module's parameters
        raise NotImplementedError
