"""backward() on a non-scalar: the vector-Jacobian product (向量-雅可比积).

PyTorch only differentiates a scalar with respect to tensors. For a non-scalar output y
you must pass a `gradient` argument v with the same shape as y:
`y.backward(gradient=v)` computes vᵀ·J, where J is the Jacobian matrix (雅可比矩阵)
dy/dx, i.e. the gradient of the scalar (v * y).sum(), and stores it in x.grad.

Special cases:
* v = all ones gives the gradient of y.sum();
* for an element-wise (按元素) function y = f(x) the Jacobian is diagonal, so
  v = ones gives every derivative f'(x_i) at once;
* v = a one-hot vector e_i gives row i of the Jacobian.

Task:
    vjp(f, x, v)                  -> vᵀ·J of f at x, computed with ONE call of
                                     y.backward(gradient=v); shape of x.
    elementwise_derivative(f, x)  -> f'(x) element by element for an element-wise f, using
                                     backward with a gradient of ones; shape of x.

In both, differentiate a leaf copy of x (`x.detach().clone().requires_grad_(True)`);
do not change x.

Inputs:  f: a function from a float64 tensor to a float64 tensor (any output shape);
         x: a float64 tensor; v: a float64 tensor with the shape of f(x).
Outputs: float64 tensors with x's shape.
"""

import torch


def vjp(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    # TODO: y = f(x_copy); y.backward(gradient=v); return the gradient
    raise NotImplementedError


def elementwise_derivative(f, x: torch.Tensor) -> torch.Tensor:
    # TODO: backward with a gradient of ones
    raise NotImplementedError
