"""A VGG block (VGG块: networks built from repeated blocks, 使用块的网络).

A VGG block is `num_convs` 3x3 convolutions (卷积层), each with padding (填充) 1 so the
height and width stay the same, each followed by a ReLU, and then a 2x2 max pooling
(最大汇聚层) with stride (步幅) 2 that halves height and width.

Task:
    vgg_block(num_convs, in_channels, out_channels) -> nn.Sequential
        exactly these layers, in this order (so the parameter names are
        "0.weight", "0.bias", "2.weight", "2.bias", ...):
            nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU(),
            nn.Conv2d(out_channels, out_channels, kernel_size=3, padding=1), nn.ReLU(),
            ... (num_convs convolutions in all; only the first one takes in_channels) ...
            nn.MaxPool2d(kernel_size=2, stride=2)
    vgg_block_num_params(num_convs, in_channels, out_channels) -> int
        the number of learnable parameters (参数量) of that block, computed with a formula
        (do not build the block): a k x k convolution from c_in to c_out channels has
        c_out * c_in * k * k weights and c_out biases.

Shapes: input (batch, in_channels, H, W) -> output (batch, out_channels, H // 2, W // 2).
"""

from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    # TODO: num_convs (Conv2d 3x3 padding 1, ReLU) pairs, then MaxPool2d(2, stride 2)
    raise NotImplementedError


def vgg_block_num_params(num_convs: int, in_channels: int, out_channels: int) -> int:
    # TODO: count the weights and biases of the convolutions with a formula
    raise NotImplementedError
