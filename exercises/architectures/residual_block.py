"""A residual block (残差块, ResNet).

A residual block learns a correction F(x) to its input and adds the input back through
a shortcut connection (捷径连接 / 跳跃连接): out = ReLU(F(x) + shortcut(x)). When the block
keeps the shape, the shortcut is the identity (恒等映射): x itself. When it changes the
number of channels or uses a stride (步幅) > 1, x no longer has F(x)'s shape, so the
shortcut is a 1x1 convolution (1×1卷积) with that stride, which projects x to the new
shape.

Task:
    class Residual(nn.Module)
        __init__(in_channels, out_channels, stride=1), with exactly these attributes
        (they fix the parameter names):
            self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1,
                                   stride=stride)
            self.bn1   = nn.BatchNorm2d(out_channels)
            self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, padding=1)
            self.bn2   = nn.BatchNorm2d(out_channels)
            self.conv3 = nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride)
                         if in_channels != out_channels or stride != 1, else None
        forward(X):
            Y = ReLU(bn1(conv1(X)))
            Y = bn2(conv2(Y))
            shortcut = conv3(X) if conv3 is not None else X
            return ReLU(Y + shortcut)

Shapes: X (batch, in_channels, H, W) -> (batch, out_channels, H', W') with
H' = (H - 1) // stride + 1 (likewise W'). Use F.relu or nn.ReLU, either is fine
(ReLU has no parameters). Batch normalisation (批量规范化) uses batch statistics in
training mode and its running statistics in eval mode.
"""

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401


class Residual(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1) -> None:
        super().__init__()
        # TODO: conv1, bn1, conv2, bn2, and conv3 (a 1x1 projection, or None)
        raise NotImplementedError

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: the residual branch, the shortcut, their sum through a ReLU
        raise NotImplementedError
