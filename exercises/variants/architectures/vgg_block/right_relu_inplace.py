"""ReLU(inplace=True) after each convolution, and the parameter count from the block itself."""

from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    layers = []
    for i in range(num_convs):
        layers += [nn.Conv2d(in_channels if i == 0 else out_channels, out_channels,
                             kernel_size=3, padding=1), nn.ReLU(inplace=True)]
    return nn.Sequential(*layers, nn.MaxPool2d(2))


def vgg_block_num_params(num_convs: int, in_channels: int, out_channels: int) -> int:
    return sum(p.numel() for p in vgg_block(num_convs, in_channels, out_channels).parameters())
