"""A dense block and a transition layer (稠密块与过渡层, DenseNet).

In a DenseNet every layer receives the feature maps (特征图) of ALL earlier layers: a
dense block (稠密块) concatenates (连结) each convolution block's output with its input
along the channel dimension (通道维), instead of adding them like ResNet. Each
convolution block produces `growth_rate` (增长率) new channels, so a dense block with
num_convs blocks turns in_channels into in_channels + num_convs * growth_rate channels.
A transition layer (过渡层) then shrinks the channels with a 1x1 convolution and halves
height and width with average pooling (平均汇聚).

Task:
    conv_block(in_channels, num_channels) -> nn.Sequential
        nn.BatchNorm2d(in_channels), nn.ReLU(),
        nn.Conv2d(in_channels, num_channels, kernel_size=3, padding=1)
    class DenseBlock(nn.Module)
        __init__(num_convs, in_channels, growth_rate):
            self.net = nn.Sequential of num_convs conv_blocks; block i (from 0) is
            conv_block(in_channels + i * growth_rate, growth_rate)
            (parameter names: "net.0.0.weight" (batch norm), "net.0.2.weight" (conv), ...)
        forward(X): for each block: Y = block(X); X = torch.cat((X, Y), dim=1)
            (input first, new channels after); return X
    transition_block(in_channels, num_channels) -> nn.Sequential
        nn.BatchNorm2d(in_channels), nn.ReLU(),
        nn.Conv2d(in_channels, num_channels, kernel_size=1),
        nn.AvgPool2d(kernel_size=2, stride=2)

Shapes: DenseBlock: (batch, in_channels, H, W) -> (batch, in_channels + num_convs *
growth_rate, H, W); transition_block: (batch, in_channels, H, W) -> (batch, num_channels,
H // 2, W // 2).
"""

import torch
from torch import nn


def conv_block(in_channels: int, num_channels: int) -> nn.Sequential:
    # TODO: BatchNorm2d, ReLU, 3x3 Conv2d with padding 1
    raise NotImplementedError


class DenseBlock(nn.Module):
    def __init__(self, num_convs: int, in_channels: int, growth_rate: int) -> None:
        super().__init__()
        # TODO: self.net, an nn.Sequential of conv_blocks with growing input channels
        raise NotImplementedError

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: concatenate every block's output to its input along the channels
        raise NotImplementedError


def transition_block(in_channels: int, num_channels: int) -> nn.Sequential:
    # TODO: BatchNorm2d, ReLU, 1x1 Conv2d, AvgPool2d(2, stride 2)
    raise NotImplementedError
