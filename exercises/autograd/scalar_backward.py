"""backward() on a scalar: z = w·x + b (标量反向传播).

Tensors created with `requires_grad=True` are leaf nodes (叶子节点) of the computation
graph (计算图). Calling `z.backward()` on a SCALAR (标量) z runs back-propagation
(反向传播) and stores dz/dt in `t.grad` for every leaf t that requires grad. No argument
is needed when z is a scalar.

Task:
    linear_backward(w, x, b)  -> compute z = w·x + b (the dot product 点积 of w and x,
                                 plus b), call backward on it and return z.
                                 The CALLER then reads w.grad and b.grad (and x.grad if x
                                 requires grad): use the tensors you were given, do not
                                 make copies of w or b.
    grad_at(f, x)             -> the gradient df/dx at the point x, for a function f that
                                 maps a tensor to a scalar tensor. Do NOT change x or its
                                 requires_grad flag: differentiate a copy, e.g.
                                 `x.detach().clone().requires_grad_(True)`.

Inputs:  w, x of shape (D,), b of shape () (0-d); w and b require grad; float64.
         f: a Python function; x: a float tensor of any shape.
Outputs: linear_backward: z, a 0-d tensor (its .grad effects are what is graded);
         grad_at: a tensor with x's shape.
"""

import torch


def linear_backward(w: torch.Tensor, x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # TODO: z = w·x + b, then back-propagate from z
    raise NotImplementedError


def grad_at(f, x: torch.Tensor) -> torch.Tensor:
    # TODO: differentiate f at a copy of x that requires grad, return the gradient
    raise NotImplementedError
