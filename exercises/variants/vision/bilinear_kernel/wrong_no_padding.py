"""upsampler forgets the padding, so the output is larger than factor * H."""

import torch
from torch import nn


def bilinear_kernel(in_channels: int, out_channels: int, kernel_size: int) -> torch.Tensor:
    factor = (kernel_size + 1) // 2
    center = factor - 1 if kernel_size % 2 == 1 else factor - 0.5
    tent = 1 - (torch.arange(kernel_size, dtype=torch.float32) - center).abs() / factor
    filt = tent[:, None] * tent[None, :]
    weight = torch.zeros(in_channels, out_channels, kernel_size, kernel_size)
    channels = range(min(in_channels, out_channels))
    weight[channels, channels] = filt
    return weight


def upsampler(channels: int, factor: int) -> nn.ConvTranspose2d:
    kernel_size = 2 * factor - factor % 2
    conv = nn.ConvTranspose2d(channels, channels, kernel_size, stride=factor,
                              bias=False)
    with torch.no_grad():
        conv.weight.copy_(bilinear_kernel(channels, channels, kernel_size))
    return conv
