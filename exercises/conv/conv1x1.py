"""A 1x1 convolution is a per-pixel fully connected layer (1×1 卷积).

A 1x1 convolution (1×1 卷积) looks at one pixel position at a time: every output channel
is a weighted sum of the input channels AT THE SAME pixel. So it is the same linear map
(全连接层) applied at every position (h, w), and it changes the number of channels
(通道数) without touching the height and width — e.g. 100x64x64 -> 10x64x64 reduces the
channels (降维) cheaply.

Task (do NOT call F.conv2d / nn.Conv2d):
    conv1x1(X, W, b=None) -> Y with
        Y[n, o, h, w] = sum over c of W[o, c] * X[n, c, h, w]  (+ b[o] when b is given)

Inputs:  X of shape (N, C_in, H, W); W of shape (C_out, C_in); b of shape (C_out,) or None;
         all float64.
Outputs: Y of shape (N, C_out, H, W), float64. X, W and b must not be changed.
(Hint: move the channels last, multiply by Wᵀ, move them back; or use torch.einsum.)
"""

import torch


def conv1x1(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None) -> torch.Tensor:
    # TODO: a channel-mixing matrix product at every pixel
    raise NotImplementedError
