"""Gradient accumulation over micro-batches (梯度累积, 小批量).

When a batch does not fit in memory, split it into micro-batches (微批次), call backward
on each and let the gradients add up in `.grad` (梯度累加) before one optimizer step.
To get EXACTLY the gradient of the full-batch mean loss (整批平均损失), each micro-batch's
mean loss must be weighted by its share of the batch:

    full-batch mean loss = sum over chunks of  mean_loss(chunk) * len(chunk) / N

Dividing by the number of chunks is only right when all chunks have the same size.
Gradients left over from an earlier step must be cleared first (梯度清零).

Task:
    accumulate_gradients(model, loss_fn, x, y, micro_batch_size) -> float
        1. clear the gradients of all of model's parameters (model.zero_grad());
        2. split x and y into consecutive chunks of micro_batch_size rows along dim 0
           (the last chunk may be smaller; torch.split does this);
        3. for each chunk: loss = loss_fn(model(x_chunk), y_chunk) scaled by
           len(x_chunk) / N, and call backward on it;
        4. return the total (a Python float), which equals loss_fn(model(x), y).
    Afterwards every parameter's .grad must equal the gradient of the full-batch loss
    loss_fn(model(x), y). Do not call an optimizer; do not change x or y.

Inputs:  model: an nn.Module (float64); loss_fn: a loss with mean reduction (平均) such
         as nn.MSELoss() or nn.CrossEntropyLoss(); x: (N, ...) inputs; y: (N, ...)
         targets; micro_batch_size: int >= 1 (may be larger than N).
Outputs: a float; the model's .grad fields hold the full-batch gradient.
"""

import torch
from torch import nn


def accumulate_gradients(model: nn.Module, loss_fn, x: torch.Tensor, y: torch.Tensor,
                         micro_batch_size: int) -> float:
    # TODO: zero the grads, then backward on each weighted micro-batch loss
    raise NotImplementedError
