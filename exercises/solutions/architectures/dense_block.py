"""Reference solution: architectures/dense_block."""

import torch
from torch import nn


def conv_block(in_channels: int, num_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, num_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_convs: int, in_channels: int, growth_rate: int) -> None:
        super().__init__()
        self.net = nn.Sequential(*[conv_block(in_channels + i * growth_rate, growth_rate)
                                   for i in range(num_convs)])

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for block in self.net:
            Y = block(X)
            X = torch.cat((X, Y), dim=1)
        return X


def transition_block(in_channels: int, num_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, num_channels, kernel_size=1),
                         nn.AvgPool2d(kernel_size=2, stride=2))
