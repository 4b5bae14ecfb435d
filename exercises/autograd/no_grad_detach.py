"""Stopping gradients: torch.no_grad() and detach() (停止梯度跟踪).

* Inside `with torch.no_grad():` no graph is recorded: results do not require grad. Use
  it for evaluation/prediction (评估, 预测) and for updating parameters by hand.
* `t.detach()` returns a tensor with the same values that is cut off from the graph:
  gradients do not flow back through it (it is treated as a constant 常数).
* A leaf that requires grad cannot be changed in place while autograd is recording;
  parameter updates happen inside `torch.no_grad()`.

Task:
    predict(model, x)             -> model(x) computed WITHOUT recording a graph: the
                                     result must not require grad.
    detached_product_grad(x)      -> with a leaf copy xc of x that requires grad:
                                     y = xc * xc, u = y treated as a constant (detach),
                                     z = u * xc; call z.sum().backward() and return
                                     xc.grad (it equals u, not 3 * xc**2).
    sgd_step_(params, lr)         -> one plain SGD step (随机梯度下降) IN PLACE on every
                                     parameter p of the list: p <- p - lr * p.grad, then
                                     reset the gradient to zeros with p.grad.zero_().
                                     Keep the same tensor objects (they must stay leaf
                                     tensors that require grad); return None.

Inputs:  model: an nn.Module; x: a float tensor; params: a list of leaf tensors that
         require grad and have .grad filled; lr: a float.
Outputs: a tensor of model(x)'s shape; a tensor of x's shape; None.
"""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # TODO: run the model without building a graph
    raise NotImplementedError


def detached_product_grad(x: torch.Tensor) -> torch.Tensor:
    # TODO: y = x*x, u = y detached, z = u*x; return dz.sum()/dx
    raise NotImplementedError


def sgd_step_(params: list[torch.Tensor], lr: float) -> None:
    # TODO: update each parameter in place without recording, then zero its gradient
    raise NotImplementedError
