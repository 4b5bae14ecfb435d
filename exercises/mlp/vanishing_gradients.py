"""Vanishing gradients in a deep sigmoid stack, measured layer by layer (梯度消失).

Back-propagation (反向传播) multiplies one factor per layer: the layer's weight matrix
and the derivative of its activation. sigmoid'(x) is at most 0.25, so through a deep
stack of sigmoid layers the gradient shrinks geometrically: the layers near the input
barely learn (梯度消失). ReLU's derivative is 1 for active units and, with He/Kaiming
initialisation (初始化), gradients keep their size. Measure it.

Task:
    weight_grad_norms(model, x) -> list[float]
        Run x through model, take loss = model(x).sum(), back-propagate, and return the
        L2 (Frobenius) norm of the gradient of every nn.Linear layer's weight, in the
        order model.modules() lists the layers (input side first). Biases and other
        layers (LayerNorm, activations...) are not included. Gradients already sitting in
        .grad from earlier must not count. Do not change the parameters.
    activation_grad_norms(model, x) -> list[float]
        The same loss; return the L2 norm of the gradient of the loss with respect to the
        INPUT of every nn.Linear layer, in the same order: the first is d loss / d x, the
        next the hidden activation entering the second Linear, and so on. Do not change x
        or its requires_grad flag (work on a copy).
    gradient_ratio(norms) -> float
        norms[0] / norms[-1]: how many times smaller the gradient is at the input side.

Inputs:  model, an nn.Module (e.g. nn.Sequential(Linear, Sigmoid, Linear, Sigmoid, ...))
         in float32 or float64; x of shape (batch, in_features) with the model's dtype.
Outputs: lists of Python floats (use .item(), not tensors), one per nn.Linear; a float.
What you will see: in a 10-layer sigmoid stack with PyTorch's default initialisation the
first layer's weight gradient is about 10^8 times smaller than the last one's; in a ReLU
stack with Kaiming initialisation the two are of the same order.
"""

import torch
from torch import nn


def weight_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    # TODO: clear old gradients, loss = model(x).sum(), backward,
    # TODO: the norm of every nn.Linear weight's gradient, as Python floats
    raise NotImplementedError


def activation_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    # TODO: keep the input of every nn.Linear (retain_grad, or a forward pre-hook),
    # TODO: back-propagate loss = model(x).sum(), return the norms of their gradients
    raise NotImplementedError


def gradient_ratio(norms: list[float]) -> float:
    # TODO: first / last
    raise NotImplementedError
