"""The full Jacobian, one row per backward pass (雅可比矩阵, retain_graph).

For y = f(x) with x of shape (n,) and y of shape (m,), the Jacobian matrix (雅可比矩阵)
J has shape (m, n) with J[i, j] = dy_i / dx_j. Row i is the gradient of the scalar y[i]:
`y[i].backward()` puts row i into x.grad (the same as the vector-Jacobian product
`y.backward(gradient=e_i)` with the one-hot vector e_i).

To get all m rows from ONE forward pass, call backward m times on the same graph.
By default backward frees the graph (释放计算图) after use, so pass
`retain_graph=True` (保留计算图) to every call that is followed by another. Gradients
accumulate (梯度累加) in x.grad, so copy each row and zero x.grad before the next call.

Task:
    jacobian(f, x) -> the (m, n) Jacobian of f at x. Evaluate f exactly ONCE (the check
                      counts the calls), then run m backward passes, one per output.

Inputs:  f: a function from a float64 tensor of shape (n,) to one of shape (m,);
         x: a float64 tensor of shape (n,), n, m >= 1. Do not change x; differentiate a
         leaf copy `x.detach().clone().requires_grad_(True)`.
Outputs: a float64 tensor of shape (m, n).
"""

import torch


def jacobian(f, x: torch.Tensor) -> torch.Tensor:
    # TODO: one forward pass, then one backward per output with retain_graph=True
    raise NotImplementedError
