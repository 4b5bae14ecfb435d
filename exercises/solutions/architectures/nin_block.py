"""Reference solution: architectures/nin_block."""

from torch import nn


def nin_block(in_channels: int, out_channels: int, kernel_size: int, stride: int,
              padding: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
    )


def nin_head(in_channels: int, num_classes: int) -> nn.Sequential:
    return nn.Sequential(
        nin_block(in_channels, num_classes, kernel_size=3, stride=1, padding=1),
        nn.AdaptiveAvgPool2d((1, 1)),
        nn.Flatten(),
    )
