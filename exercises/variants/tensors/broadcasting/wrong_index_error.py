"""Indexes from the left without padding: raises IndexError instead of ValueError."""

import torch


def broadcast_shape(a: tuple, b: tuple) -> tuple:
    n = max(len(a), len(b))
    out = []
    for x, y in ((a[-i], b[-i]) for i in range(n, 0, -1)):
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
        return broadcast_shape(a, b) == tuple(a)
    except ValueError:
        return False
