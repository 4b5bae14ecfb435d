"""Higher-order derivatives with create_graph=True (高阶导数).

`torch.autograd.grad(outputs, inputs)` returns gradients instead of storing them in
`.grad`. Normally the gradient it returns is a constant with no graph. With
`create_graph=True` the backward pass itself is recorded (构建导数的计算图), so the
gradient can be differentiated again: that gives second derivatives (二阶导数) and the
Hessian matrix (黑塞矩阵 / 海森矩阵) H[i, j] = d²f / dx_i dx_j.

Task:
    second_derivative(f, x) -> f''(x) element by element for an element-wise function f
                               (like torch.sin or t ** 3); shape of x.
    hessian(f, x)           -> the (n, n) Hessian of a scalar function f at x of shape (n,).
                               Compute the gradient g (shape (n,)) once with
                               create_graph=True, then differentiate each g[i] again to get
                               row i.

Inputs:  f: for second_derivative an element-wise function; for hessian a function from
         shape (n,) to a scalar; every f used has a non-zero second derivative (it is not
         linear). x: a float64 tensor (do not change it; use a leaf copy that requires grad).
Outputs: float64 tensors: shape of x, and (n, n).
"""

import torch


def second_derivative(f, x: torch.Tensor) -> torch.Tensor:
    # TODO: first derivative with create_graph=True, then differentiate it again
    raise NotImplementedError


def hessian(f, x: torch.Tensor) -> torch.Tensor:
    # TODO: gradient with create_graph=True, then one more grad per entry
    raise NotImplementedError
