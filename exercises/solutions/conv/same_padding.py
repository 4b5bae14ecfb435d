"""Reference solution: conv/same_padding."""

from torch import nn


def same_padding(kernel_size: int, dilation: int = 1) -> int | None:
    span = dilation * (kernel_size - 1)
    return span // 2 if span % 2 == 0 else None


def same_conv(in_channels: int, out_channels: int, kernel_size: int,
              dilation: int = 1) -> nn.Conv2d:
    return nn.Conv2d(in_channels, out_channels, kernel_size,
                     padding=same_padding(kernel_size, dilation), dilation=dilation)
