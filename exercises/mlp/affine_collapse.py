"""Two linear layers without an activation are one linear layer (仿射变换的合成).

Without a nonlinearity (非线性) between them, stacked fully connected layers (全连接层)
add nothing: an affine function (仿射函数) of an affine function is affine. nn.Linear
computes y = x W^T + b with W of shape (out_features, in_features). Feeding layer 1
into layer 2:

    y = (x W1^T + b1) W2^T + b2 = x (W2 W1)^T + (W2 b1 + b2)

so the pair equals ONE nn.Linear with W = W2 @ W1 and b = W2 @ b1 + b2. This is why an
MLP needs an activation function (激活函数) between its layers.

Task:
    merge_linear(first, second) -> nn.Linear
        a NEW layer with in_features = first.in_features and
        out_features = second.out_features such that merged(x) == second(first(x)).
        A missing bias counts as zeros; the merged layer has a bias unless neither layer
        has one (then bias=False). Its weight and bias are ordinary trainable Parameters
        (requires_grad, no autograd history), with the layers' dtype and device.
    collapse(net) -> nn.Linear
        net is an nn.Sequential of nn.Linear layers only (at least one); return one
        nn.Linear equal to the whole chain (use merge_linear).

Inputs:  nn.Linear layers whose sizes chain (first.out_features == second.in_features),
         float32 or float64.
Outputs: new nn.Linear layers. Do not change the given layers (their weights stay as they
         were and stay theirs: the merged layer must not share their tensors).
"""

import torch  # noqa: F401
from torch import nn


def merge_linear(first: nn.Linear, second: nn.Linear) -> nn.Linear:
    # TODO: W = W2 @ W1, b = W2 @ b1 + b2 (a missing bias is zero), into a new nn.Linear
    raise NotImplementedError


def collapse(net: nn.Sequential) -> nn.Linear:
    # TODO: merge the layers of net one after another
    raise NotImplementedError
