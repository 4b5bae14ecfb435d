"""Reference solution: autograd/scalar_backward."""

import torch


def linear_backward(w: torch.Tensor, x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    z = torch.dot(w, x) + b
    z.backward()
    return z


def grad_at(f, x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().requires_grad_(True)
    f(x).backward()
    return x.grad
