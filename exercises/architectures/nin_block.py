"""A NiN block and a NiN classifier head (网络中的网络, Network in Network).

NiN replaces the fully connected layers (全连接层) at the end of a network with 1x1
convolutions (1×1卷积层): a 1x1 convolution acts like a fully connected layer applied at
every pixel (像素) separately, mixing channels but not positions. A NiN block is one
ordinary convolution followed by two 1x1 convolutions, each followed by a ReLU.
Instead of a big fully connected classifier, NiN ends with a block whose output has one
channel per class, then global average pooling (全局平均汇聚层) over height and width.

Task:
    nin_block(in_channels, out_channels, kernel_size, stride, padding) -> nn.Sequential
        exactly these six layers, in this order (parameter names "0.weight", "0.bias",
        "2.weight", "2.bias", "4.weight", "4.bias"):
            nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding), nn.ReLU(),
            nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
            nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU()
    nin_head(in_channels, num_classes) -> nn.Sequential
        exactly these three layers (parameter names "0.0.weight", ..., "0.4.bias"):
            nin_block(in_channels, num_classes, kernel_size=3, stride=1, padding=1),
            nn.AdaptiveAvgPool2d((1, 1)),
            nn.Flatten()

Shapes: nin_block maps (batch, in_channels, H, W) to (batch, out_channels, H', W') with
H' = (H + 2 * padding - kernel_size) // stride + 1 (likewise W'); nin_head maps
(batch, in_channels, H, W) to (batch, num_classes): one score (logit) per class.
"""

from torch import nn


def nin_block(in_channels: int, out_channels: int, kernel_size: int, stride: int,
              padding: int) -> nn.Sequential:
    # TODO: a conv, then two 1x1 convs, each followed by ReLU
    raise NotImplementedError


def nin_head(in_channels: int, num_classes: int) -> nn.Sequential:
    # TODO: a nin_block with num_classes output channels, global average pooling, flatten
    raise NotImplementedError
