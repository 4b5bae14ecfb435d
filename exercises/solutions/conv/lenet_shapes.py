"""Reference solution: conv/lenet_shapes."""

import torch
from torch import nn


def build_lenet() -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.Sigmoid(),
        nn.Linear(84, 10),
    )


def layer_shapes(net: nn.Sequential, x: torch.Tensor) -> list[tuple[str, tuple[int, ...]]]:
    shapes = []
    for layer in net:
        x = layer(x)
        shapes.append((type(layer).__name__, tuple(x.shape)))
    return shapes
