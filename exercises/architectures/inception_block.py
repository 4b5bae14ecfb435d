"""An Inception block with 1x1 reductions (Inception块, GoogLeNet).

An Inception block runs four parallel paths (并行路径) over the same input and
concatenates (连结) their outputs along the channel dimension. 1x1 convolutions
(1×1卷积) reduce the number of channels (降维) before the expensive 3x3 and 5x5
convolutions, which keeps the computation and the parameter count small. Every path
keeps height and width, so the outputs can be stacked.

Task:
    class Inception(nn.Module)
        __init__(in_channels, c1, c2, c3, c4) where c1, c4 are ints and c2, c3 are
        pairs (reduced channels, output channels). Exactly these attributes (they fix the
        parameter names):
            path 1: self.p1_1 = nn.Conv2d(in_channels, c1, kernel_size=1)
            path 2: self.p2_1 = nn.Conv2d(in_channels, c2[0], kernel_size=1)
                    self.p2_2 = nn.Conv2d(c2[0], c2[1], kernel_size=3, padding=1)
            path 3: self.p3_1 = nn.Conv2d(in_channels, c3[0], kernel_size=1)
                    self.p3_2 = nn.Conv2d(c3[0], c3[1], kernel_size=5, padding=2)
            path 4: self.p4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
                    self.p4_2 = nn.Conv2d(in_channels, c4, kernel_size=1)
        forward(x): every convolution is followed by a ReLU (the max pooling is not):
            p1 = relu(p1_1(x))
            p2 = relu(p2_2(relu(p2_1(x))))
            p3 = relu(p3_2(relu(p3_1(x))))
            p4 = relu(p4_2(p4_1(x)))
            return torch.cat((p1, p2, p3, p4), dim=1)      (in this order)

Shapes: (batch, in_channels, H, W) -> (batch, c1 + c2[1] + c3[1] + c4, H, W).
"""

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401


class Inception(nn.Module):
    def __init__(self, in_channels: int, c1: int, c2: tuple[int, int], c3: tuple[int, int],
                 c4: int) -> None:
        super().__init__()
        # TODO: the seven layers of the four paths, with the names from the docstring
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: run the four paths and concatenate them along the channels
        raise NotImplementedError
