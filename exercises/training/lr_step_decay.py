"""Change the learning rate during training through param_groups (动态修改学习率).

An optimizer keeps its settings in `optimizer.param_groups` (参数组), a list of dicts,
one per group of parameters; each has an "lr" entry. Writing `group["lr"] = new_lr`
changes the learning rate (学习率) of later steps, without losing the optimizer's state
(such as momentum buffers, 动量). A common schedule is step decay (阶梯衰减): multiply
the learning rate by `drop` every `epochs_per_drop` epochs.

Task:
    step_decay(base_lr, epoch, drop, epochs_per_drop) -> float
        base_lr * drop ** (epoch // epochs_per_drop)          (epochs count from 0)
    set_lr(optimizer, lr) -> None
        set the learning rate of EVERY param group of the optimizer to lr.
    train_with_step_decay(model, X, y, base_lr, drop, epochs_per_drop, num_epochs,
                          batch_size) -> list[float]
        - create ONE optimizer before the epoch loop:
              torch.optim.SGD(model.parameters(), lr=base_lr, momentum=0.9)
          and loss_fn = nn.MSELoss()
        - at the start of every epoch: set_lr(optimizer, step_decay(base_lr, epoch, drop,
          epochs_per_drop))
        - then one pass over X, y IN ORDER in minibatches X[i:i + batch_size]:
          zero_grad, loss, backward, step
        - after each epoch, append optimizer.param_groups[0]["lr"] to the returned list
        Returns the list of num_epochs learning rates (one per epoch).

Inputs: model, an nn.Module on the device of X; X: (n, d) float32, y: (n, 1) float32.
Do not re-create the optimizer each epoch: that would reset the momentum.
"""

import torch
from torch import nn


def step_decay(base_lr: float, epoch: int, drop: float, epochs_per_drop: int) -> float:
    # TODO: the learning rate for this epoch
    raise NotImplementedError


def set_lr(optimizer: torch.optim.Optimizer, lr: float) -> None:
    # TODO: write lr into every param group
    raise NotImplementedError


def train_with_step_decay(model: nn.Module, X: torch.Tensor, y: torch.Tensor, base_lr: float,
                          drop: float, epochs_per_drop: int, num_epochs: int,
                          batch_size: int) -> list[float]:
    # TODO: one SGD optimizer with momentum=0.9, created before the loop
    # TODO: per epoch: set the decayed lr, train on in-order minibatches, record the lr
    raise NotImplementedError
