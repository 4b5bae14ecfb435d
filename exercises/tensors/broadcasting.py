"""Broadcasting rules: the shape of a result, outer sums and products (广播机制).

An elementwise operation on two tensors of different shapes broadcasts (广播) them:
line the shapes up from the RIGHT (trailing dimensions first); missing leading
dimensions count as 1; two sizes are compatible when they are equal or one of them is 1,
and the result takes the larger one (a size 1 paired with 0 gives 0). Any other pair is
an error. Examples:

    (5, 3) and (3,)      -> (5, 3)
    (4, 1) and (1, 6)    -> (4, 6)
    (2, 1, 3) and (7, 1) -> (2, 7, 3)
    (3,) and (4,)        -> error
    () and (2, 3)        -> (2, 3)         (a 0-d tensor broadcasts to anything)

Inserting a size-1 dimension with None (or unsqueeze) makes outer operations: u[:, None]
has shape (N, 1) and v[None, :] has (1, M), so u[:, None] + v[None, :] is (N, M).
An in-place operation a.add_(b) broadcasts b to a, but a itself cannot grow: it works
only when the broadcast result has exactly a's shape.

Task:
    broadcast_shape(a, b) -> tuple of ints
        the result shape for shapes a and b (tuples of ints), or raise ValueError with a
        message naming the two incompatible sizes. Do not call torch.broadcast_shapes,
        np.broadcast_shapes or any tensor operation: apply the rule.
    outer_sum(u, v) -> tensor (N, M) with [i, j] = u[i] + v[j]      (no Python loops)
    outer_product(u, v) -> tensor (N, M) with [i, j] = u[i] * v[j]  (no Python loops)
    can_add_inplace(a, b) -> bool
        True exactly when a tensor of shape a accepts .add_(a tensor of shape b).

Inputs: u (N,) and v (M,) 1-D tensors of the same dtype; shapes are tuples of ints >= 0.
Do not change u or v.
"""

import torch


def broadcast_shape(a: tuple, b: tuple) -> tuple:
    # TODO: align from the right, pad with 1s, combine size by size, ValueError otherwise
    raise NotImplementedError


def outer_sum(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    # TODO: a column plus a row
    raise NotImplementedError


def outer_product(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    # TODO: a column times a row
    raise NotImplementedError


def can_add_inplace(a: tuple, b: tuple) -> bool:
    # TODO: b broadcasts to a, and the result has a's shape
    raise NotImplementedError
