"""LeNet and its shapes layer by layer (LeNet 各层输出形状).

LeNet (LeNet-5) is one of the first convolutional neural networks (卷积神经网络). The
version in "Dive into Deep Learning" takes a 1x28x28 image (Fashion-MNIST) and is:

    Conv2d(1, 6, kernel_size=5, padding=2)   -> Sigmoid
    AvgPool2d(kernel_size=2, stride=2)
    Conv2d(6, 16, kernel_size=5)             -> Sigmoid
    AvgPool2d(kernel_size=2, stride=2)
    Flatten                                   (展平)
    Linear(16 * 5 * 5, 120) -> Sigmoid
    Linear(120, 84)         -> Sigmoid
    Linear(84, 10)

Each layer is its own entry of the nn.Sequential (12 layers, sigmoids included).
Convolutions (卷积层) change the channels and, without padding, shrink the height/width
by k - 1; each pooling layer (汇聚层/池化层) halves them.

Task:
    build_lenet() -> the nn.Sequential above, in that order.
    layer_shapes(net, x) -> run x through the layers of the nn.Sequential `net` one at a
        time and return a list with one entry per layer: (the layer's class name, the
        output shape as a tuple of ints), e.g. ("Conv2d", (1, 6, 28, 28)).

Inputs:  net: any nn.Sequential; x: an input tensor for it.
Outputs: an nn.Sequential; a list of (str, tuple) pairs.
"""

import torch
from torch import nn


def build_lenet() -> nn.Sequential:
    # TODO: the 12 layers listed in the docstring
    raise NotImplementedError


def layer_shapes(net: nn.Sequential, x: torch.Tensor) -> list[tuple[str, tuple[int, ...]]]:
    # TODO: apply the layers one by one and record (class name, output shape)
    raise NotImplementedError
