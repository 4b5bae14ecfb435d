"""Reference solution: autograd/jacobian_rows."""

import torch


def jacobian(f, x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.shape[0]):
        # The same as y.backward(gradient=e_i, retain_graph=True) with a one-hot e_i.
        y[i].backward(retain_graph=True)
        rows.append(x.grad.clone())
        x.grad.zero_()
    return torch.stack(rows)
