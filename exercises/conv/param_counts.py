"""Counting parameters and multiply-adds of convolutions (参数量与计算量).

A Conv2d layer with C_in input channels (输入通道), C_out output channels (输出通道) and
a k x k kernel (卷积核) holds one k x k kernel per (output, input) channel pair plus one
bias (偏置) per output channel:

    parameters = C_out * C_in * k * k  (+ C_out with bias)

Each output element (one output channel at one pixel) costs C_in * k * k multiply-adds
(乘加运算, MACs), so a layer with an H_out x W_out output costs
C_out * H_out * W_out * C_in * k * k multiply-adds (bias additions are not counted).

Two lessons from the book:
* VGG stacks three 3x3 convolutions instead of one 7x7: the same receptive field
  (感受野), fewer parameters.
* A 1x1 convolution reducing 100x64x64 to 10x64x64 needs only 100*10 weights.

Task:
    conv_params(c_in, c_out, kernel_size, bias=True) -> int
    stacked_vs_single(channels, bias=True) -> (params of three stacked 3x3 convs,
        params of one 7x7 conv), every conv mapping `channels` to `channels` channels.
    conv_macs(c_in, c_out, kernel_size, h_out, w_out) -> int, the multiply-adds.

Inputs:  positive ints (square kernels); bias a bool.
Outputs: Python ints / a tuple of two ints.
"""


def conv_params(c_in: int, c_out: int, kernel_size: int, bias: bool = True) -> int:
    # TODO: weights (+ biases)
    raise NotImplementedError


def stacked_vs_single(channels: int, bias: bool = True) -> tuple[int, int]:
    # TODO: (three 3x3 convs, one 7x7 conv)
    raise NotImplementedError


def conv_macs(c_in: int, c_out: int, kernel_size: int, h_out: int, w_out: int) -> int:
    # TODO: multiply-adds for the whole output
    raise NotImplementedError
