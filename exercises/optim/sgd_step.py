"""One step of plain SGD by hand, as torch.optim.SGD takes it (随机梯度下降).

An optimizer's step() reads each parameter's gradient (梯度) from p.grad and moves the
parameter against it, in place (原地), without recording the update in the autograd graph:

    g = p.grad + weight_decay * p          (L2 weight decay, 权重衰减; 0 turns it off)
    p <- p - lr * g                         (p + lr * g when maximize=True)

torch.optim.SGD(params, lr, weight_decay=..., maximize=...) does exactly this when
momentum is 0. Unlike the `sgd(params, lr, batch_size)` of the from-scratch chapter,
there is no division by the batch size (the loss is already a mean) and the gradient is
NOT zeroed here: clearing gradients is zero_grad's job, between steps.

Task:
    sgd_step(params, lr, weight_decay=0.0, maximize=False) -> None
        update every parameter in `params` in place as above. A parameter whose .grad is
        None did not take part in the loss: skip it (torch.optim does the same).
    zero_grad(params) -> None
        set every parameter's .grad to None (what optimizer.zero_grad() does by default).

Inputs:  params, a list of leaf tensors with requires_grad=True (float32 or float64)
         whose .grad was filled by backward(); lr > 0; weight_decay >= 0.
Rules:   change each parameter in place so it stays the same leaf tensor (p.sub_(...) or
         p -= ... inside torch.no_grad()); leave p.grad unchanged in sgd_step (compute
         g as a new tensor). Do not use torch.optim.
"""

import torch


def sgd_step(params: list[torch.Tensor], lr: float, weight_decay: float = 0.0,
             maximize: bool = False) -> None:
    # TODO: for each p with a gradient: g = p.grad + weight_decay * p; p -= lr * g
    # TODO: (p += lr * g when maximize), in place under torch.no_grad()
    raise NotImplementedError


def zero_grad(params: list[torch.Tensor]) -> None:
    # TODO: every p.grad becomes None
    raise NotImplementedError
