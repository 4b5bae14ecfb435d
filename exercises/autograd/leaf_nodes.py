"""Leaf nodes, grad_fn and gradient accumulation (叶子节点, grad_fn, 梯度累加).

In the computation graph (计算图):
* a leaf node (叶子节点) is a tensor the user created, or any tensor that does not require
  grad; `t.is_leaf` is True and `t.grad_fn` is None.
* a tensor computed from something that requires grad is a non-leaf node (非叶子节点):
  `t.grad_fn` records the operation that produced it, e.g. an object of class
  `MulBackward0` for a multiplication.
* `backward()` fills `.grad` of the LEAVES only, and ADDS to what is already there
  (梯度累加): calling backward twice doubles the gradient unless you zero it in between.
  A non-leaf keeps its gradient only if you call `t.retain_grad()` before backward.

Task:
    describe(t)                 -> {"is_leaf": bool, "requires_grad": bool,
                                    "grad_fn": None, or the class name of t.grad_fn as a
                                    string such as "MulBackward0"}.
    grads_after_two_backwards(x)-> make a leaf copy of x that requires grad, build
                                   loss = (x_copy ** 2).sum() ONCE, call loss.backward
                                   twice (keep the graph the first time:
                                   retain_graph=True) and return the pair
                                   (gradient after the first call, gradient after the second)
                                   — copy the first one, since .grad keeps changing.
    intermediate_grad(x)        -> with a leaf copy xc of x that requires grad, y = 2 * xc
                                   and z = (y ** 2).sum(): return (dz/dy, dz/dx) after one
                                   z.backward(). dz/dy needs y.retain_grad().

Inputs:  t: any tensor; x: a float64 tensor of any shape (do not change it).
Outputs: a dict; pairs of tensors with x's shape.
"""

import torch


def describe(t: torch.Tensor) -> dict:
    # TODO: is_leaf, requires_grad and the grad_fn's class name (or None)
    raise NotImplementedError


def grads_after_two_backwards(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: backward twice on the same graph; return both gradients
    raise NotImplementedError


def intermediate_grad(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: keep the gradient of the non-leaf y with retain_grad()
    raise NotImplementedError
