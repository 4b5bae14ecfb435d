"""L2 weight decay (权重衰减 / L2 正则化).

Weight decay (权重衰减) adds an L2 penalty (L2 范数惩罚) to the loss so that the weights
stay small (权重接近 0):

    penalty = lam / 2 * sum over weight tensors W of sum(W ** 2)

Only WEIGHTS are decayed, not biases (偏置): here a weight is a parameter whose name in
`model.named_parameters()` ends with "weight" (e.g. "0.weight", "output.weight").
The gradient (梯度) of the penalty with respect to W is lam * W, so one step of SGD on
loss + penalty is the same as the "decayed" update

    W <- W - lr * (grad + lam * W)       (weights)
    b <- b - lr * grad                   (biases)

which is what `torch.optim.SGD(..., weight_decay=lam)` does for a parameter group.

Task:
    l2_penalty(model, lam) -> the penalty above as a 0-d tensor that is part of the
        autograd graph (so `(loss + l2_penalty(model, lam)).backward()` works).
    decayed_sgd_step(model, lr, weight_decay) -> None
        update every parameter IN PLACE with the rule above, using the .grad already
        computed by backward() (without any penalty in the loss). Parameters whose
        .grad is None (e.g. frozen ones) are left unchanged. Do not record autograd history
        (use torch.no_grad()).

Inputs:  model, any nn.Module; lam / weight_decay >= 0; lr > 0.
Outputs: see above. Do not use torch.optim in your answer.
"""

import torch
from torch import nn


def l2_penalty(model: nn.Module, lam: float) -> torch.Tensor:
    # TODO: lam / 2 times the sum of squares of every parameter named "...weight"
    raise NotImplementedError


def decayed_sgd_step(model: nn.Module, lr: float, weight_decay: float) -> None:
    # TODO: p -= lr * (p.grad + weight_decay * p) for weights, p -= lr * p.grad for the rest
    raise NotImplementedError
