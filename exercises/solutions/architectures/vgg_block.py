"""Reference solution: architectures/vgg_block."""

from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    layers = []
    for _ in range(num_convs):
        layers.append(nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


def vgg_block_num_params(num_convs: int, in_channels: int, out_channels: int) -> int:
    first = out_channels * in_channels * 9 + out_channels
    rest = out_channels * out_channels * 9 + out_channels
    return first + (num_convs - 1) * rest
