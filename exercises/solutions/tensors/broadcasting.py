"""Reference solution: tensors/broadcasting."""

import torch


def broadcast_shape(a: tuple, b: tuple) -> tuple:
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    out = []
    for x, y in zip(a, b, strict=True):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"sizes {x} and {y} cannot be broadcast together")
    return tuple(out)


def outer_sum(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return u[:, None] + v[None, :]


def outer_product(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return u[:, None] * v[None, :]


def can_add_inplace(a: tuple, b: tuple) -> bool:
    try:
        return broadcast_shape(a, b) == a
    except ValueError:
        return False
