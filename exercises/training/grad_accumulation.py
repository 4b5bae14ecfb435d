"""Gradient accumulation (梯度累积): a big batch in several small pieces.

Because backward() ADDS to .grad (梯度累加), you can simulate a large batch that does not
fit in memory: run backward on `accum_steps` micro-batches (微批量) one after another and
take a single optimizer step. Scale each micro-batch loss by 1 / accum_steps so the
accumulated gradient equals the gradient of the mean loss over the whole large batch.

Task:
    train_with_accumulation(model, X, y, lr, micro_batch, accum_steps, num_epochs)
        -> list[float]
        - optimizer = torch.optim.SGD(model.parameters(), lr=lr); loss_fn = nn.MSELoss()
        - each epoch, go through X, y IN ORDER in micro-batches X[i:i + micro_batch]
        - for every micro-batch: loss = loss_fn(model(Xb), yb) / accum_steps;
          loss.backward()          (no zero_grad between micro-batches!)
        - after every accum_steps micro-batches: optimizer.step(), then
          optimizer.zero_grad()
        Returns one float per optimizer step: the sum of that step's scaled micro-batch
        losses (= the mean loss over the large batch).

Inputs: model, an nn.Module on the device of X; X: (n, d) float32, y: (n, 1) float32,
where n is a multiple of micro_batch * accum_steps. Start from zero gradients (call
optimizer.zero_grad() once before training). Keep everything on its device.

With micro-batches of equal size this gives exactly the same parameters as plain
SGD with batches of micro_batch * accum_steps examples.
"""

import torch
from torch import nn


def train_with_accumulation(model: nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float,
                            micro_batch: int, accum_steps: int, num_epochs: int) -> list[float]:
    # TODO: SGD + MSELoss, zero the gradients once before training
    # TODO: backward on every scaled micro-batch loss; step + zero_grad every accum_steps
    # TODO: return the summed (scaled) loss of every optimizer step
    raise NotImplementedError
