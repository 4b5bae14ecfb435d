"""Reference solution: autograd/leaf_nodes."""

import torch


def describe(t: torch.Tensor) -> dict:
    return {
        "is_leaf": t.is_leaf,
        "requires_grad": t.requires_grad,
        "grad_fn": None if t.grad_fn is None else type(t.grad_fn).__name__,
    }


def grads_after_two_backwards(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    x = x.detach().clone().requires_grad_(True)
    loss = (x**2).sum()
    loss.backward(retain_graph=True)
    first = x.grad.clone()
    loss.backward()
    return first, x.grad


def intermediate_grad(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    x = x.detach().clone().requires_grad_(True)
    y = 2 * x
    y.retain_grad()
    z = (y**2).sum()
    z.backward()
    return y.grad, x.grad
