"""Initialising a transposed convolution as bilinear upsampling (双线性插值, FCN).

A fully convolutional network (全卷积网络, FCN) for semantic segmentation (语义分割)
predicts a class for every pixel: after the CNN has shrunk the image, a transposed
convolution (转置卷积) enlarges the feature map back to the input's height and width.
Initialising that transposed convolution's kernel with bilinear interpolation
(双线性插值) makes it start as a plain smooth upsampling (上采样), which training then
refines.

The bilinear kernel of size k is the outer product of a 1-D "tent" with itself:
    factor = (k + 1) // 2
    center = factor - 1 if k is odd, factor - 0.5 if k is even
    tent[i] = 1 - |i - center| / factor                       for i = 0 .. k - 1
    filt[i, j] = tent[i] * tent[j]
A ConvTranspose2d weight has shape (in_channels, out_channels, k, k) (note: in first,
unlike Conv2d). The bilinear weight connects each channel only to itself:
weight[c, c] = filt for c < min(in_channels, out_channels), every other entry is 0.

To enlarge H x W to (factor * H) x (factor * W) use kernel_size = 2 * factor - factor % 2,
stride = factor, padding = factor // 2: the output size (H - 1) * stride - 2 * padding +
kernel_size is then exactly factor * H. Away from a border of `factor` pixels, the result
equals F.interpolate(x, scale_factor=factor, mode="bilinear", align_corners=False).

Task:
    bilinear_kernel(in_channels, out_channels, kernel_size) -> float32 tensor
        of shape (in_channels, out_channels, kernel_size, kernel_size), as above.
    upsampler(channels, factor) -> nn.ConvTranspose2d
        channels -> channels, kernel_size, stride and padding as above, bias=False, its
        weight set to bilinear_kernel(channels, channels, kernel_size) (still a trainable
        parameter).
"""

import torch
from torch import nn


def bilinear_kernel(in_channels: int, out_channels: int, kernel_size: int) -> torch.Tensor:
    # TODO: the 1-D tent, its outer product, placed on the channel diagonal
    raise NotImplementedError


def upsampler(channels: int, factor: int) -> nn.ConvTranspose2d:
    # TODO: a ConvTranspose2d that enlarges by `factor`, initialised with the bilinear kernel
    raise NotImplementedError
