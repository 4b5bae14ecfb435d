"""zip_longest over the reversed shapes; outer ops with unsqueeze and einsum."""

from itertools import zip_longest

import torch


def broadcast_shape(a: tuple, b: tuple) -> tuple:
    sizes = []
    for x, y in zip_longest(reversed(a), reversed(b), fillvalue=1):
        if x != y and 1 not in (x, y):
            raise ValueError(f"cannot broadcast size {x} against size {y}")
        sizes.append(y if x == 1 else x)
    return tuple(reversed(sizes))


def outer_sum(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return u.unsqueeze(1) + v.unsqueeze(0)


def outer_product(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return torch.einsum("i,j->ij", u, v)


def can_add_inplace(a: tuple, b: tuple) -> bool:
    try:
        result = broadcast_shape(a, b)
    except ValueError:
        return False
    return result == tuple(a)
