""""Same" padding: keep the height and width (保持输出尺寸不变的填充).

With stride 1, a convolution's output size is  n + 2p - d*(k - 1)  for input size n,
kernel size k, padding (填充) p and dilation (空洞) d. The output keeps the input size
exactly when 2p = d*(k - 1), i.e. p = d*(k - 1) / 2. That needs d*(k - 1) to be even:
always true for odd kernels (3x3 -> p=1, 5x5 -> p=2), and for an even kernel only when
the dilation is even. Otherwise no symmetric padding works (PyTorch's padding="same"
then pads one side more than the other).

Task:
    same_padding(kernel_size, dilation=1) -> the int p that keeps the size with stride 1,
                                             or None when no symmetric padding does.
    same_conv(in_channels, out_channels, kernel_size, dilation=1) -> an nn.Conv2d with
        stride 1, the given dilation and the integer padding from same_padding (not the
        string "same"), so that (N, in_channels, H, W) -> (N, out_channels, H, W) for any
        H, W. It is only called with settings where same_padding is not None.

Inputs:  ints kernel_size >= 1, dilation >= 1, channel counts >= 1.
Outputs: an int or None; an nn.Conv2d.
"""

from torch import nn


def same_padding(kernel_size: int, dilation: int = 1) -> int | None:
    # TODO: p = d*(k-1)/2 when that is a whole number, else None
    raise NotImplementedError


def same_conv(in_channels: int, out_channels: int, kernel_size: int,
              dilation: int = 1) -> nn.Conv2d:
    # TODO: a Conv2d with the padding from same_padding
    raise NotImplementedError
