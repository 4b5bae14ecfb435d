"""Fills the kernel with Python loops and installs it as a new nn.Parameter."""

import torch
from torch import nn


def bilinear_kernel(in_channels, out_channels, kernel_size):
    factor = (kernel_size + 1) // 2
    center = factor - 1 if kernel_size % 2 else factor - 0.5
    weight = torch.zeros(in_channels, out_channels, kernel_size, kernel_size)
    for c in range(min(in_channels, out_channels)):
        for i in range(kernel_size):
            for j in range(kernel_size):
                weight[c, c, i, j] = ((1 - abs(i - center) / factor)
                                      * (1 - abs(j - center) / factor))
    return weight


def upsampler(channels, factor):
    k = 2 * factor - factor % 2
    conv = nn.ConvTranspose2d(channels, channels, kernel_size=k, stride=factor,
                              padding=factor // 2, bias=False)
    conv.weight = nn.Parameter(bilinear_kernel(channels, channels, k))
    return conv
