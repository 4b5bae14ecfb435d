"""Derivatives of sigmoid and tanh, and saturation (sigmoid函数与tanh函数的导数).

The sigmoid function (sigmoid函数, 挤压函数) squashes any input into (0, 1), tanh (双曲
正切) into (-1, 1). Both have simple derivatives written with their own outputs:

    sigmoid(x) = 1 / (1 + exp(-x))          sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))
    tanh(x)                                  tanh'(x)    = 1 - tanh(x) ** 2

sigmoid' is at most 0.25 (at x = 0) and tanh' at most 1. For large |x| both derivatives
are almost 0: the unit is saturated (饱和), and a gradient passing through it vanishes
(梯度消失). That is why deep networks moved to ReLU.

Task:
    sigmoid(x)                  -> sigmoid(x); no nan or inf for any finite x, even ±1000
    sigmoid_grad(x)             -> sigmoid'(x) element by element, by the formula above
    tanh_grad(x)                -> tanh'(x) element by element, by the formula above
    saturated(x, tol=1e-3)      -> bool tensor: True where sigmoid'(x) < tol

Inputs:  x, a float tensor of any shape (float32 or float64); tol a positive float.
Outputs: tensors with x's shape; sigmoid, sigmoid_grad and tanh_grad keep x's dtype,
         saturated is torch.bool. Do not change x in place.
Rules:   do not call torch.sigmoid / F.sigmoid / nn.Sigmoid; torch.tanh and torch.exp are
         fine. The derivatives are closed-form: they must work under torch.no_grad()
         (no autograd inside). The check compares them with autograd run on torch.sigmoid
         and torch.tanh.
"""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    # TODO: 1 / (1 + exp(-x)), without nan for large |x|
    raise NotImplementedError


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    # TODO: s * (1 - s) with s = sigmoid(x)
    raise NotImplementedError


def tanh_grad(x: torch.Tensor) -> torch.Tensor:
    # TODO: 1 - tanh(x) ** 2
    raise NotImplementedError


def saturated(x: torch.Tensor, tol: float = 1e-3) -> torch.Tensor:
    # TODO: True where sigmoid'(x) < tol
    raise NotImplementedError
