"""2-D cross-correlation from scratch (二维互相关运算).

What deep-learning libraries call "convolution" (卷积) is really cross-correlation
(互相关): slide the kernel (卷积核) K over the input X without flipping it, and at every
position multiply element by element and sum:

    Y[i, j] = sum over a, b of X[i + a, j + b] * K[a, b]

For X of shape (H, W) and K of shape (kh, kw) the output (输出) has shape
(H - kh + 1, W - kw + 1) (no padding, stride 1).

With several input channels (输入通道), the kernel has one 2-D slice per channel: compute
one cross-correlation per channel and add them up. With several output channels (输出通道)
there is one such multi-channel kernel per output channel.

Task (do NOT call F.conv2d / nn.Conv2d; loops over output positions are fine):
    corr2d(X, K)               X (H, W), K (kh, kw)          -> (H-kh+1, W-kw+1)
    corr2d_multi_in(X, K)      X (C, H, W), K (C, kh, kw)    -> (H-kh+1, W-kw+1)
    corr2d_multi_in_out(X, K)  X (C, H, W), K (Co, C, kh, kw) -> (Co, H-kh+1, W-kw+1)

Inputs:  float tensors with kh <= H, kw <= W.
Outputs: tensors of X's dtype with the shapes above; X and K must not be changed.
"""

import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    # TODO: slide K over X and sum the element-wise products
    raise NotImplementedError


def corr2d_multi_in(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    # TODO: one corr2d per input channel, summed
    raise NotImplementedError


def corr2d_multi_in_out(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    # TODO: one corr2d_multi_in per output channel, stacked
    raise NotImplementedError
