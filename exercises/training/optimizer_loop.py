"""A training loop with nn and an optimizer (优化器: zero_grad, backward, step).

The standard PyTorch training step has three parts:
    optimizer.zero_grad()   clear old gradients (梯度清零): by default they ACCUMULATE (累加)
    loss.backward()         compute new gradients (反向传播)
    optimizer.step()        update the parameters from their .grad (更新参数)

Task:
    train(model, X, y, lr, num_epochs, batch_size) -> list[float]
        model: an nn.Module already on the right device (CPU or GPU); X: (n, d) features,
        y: (n, 1) targets, on the same device as the model. Do not move anything to "cpu".
        - optimizer = torch.optim.SGD(model.parameters(), lr=lr)   (plain SGD, 随机梯度下降)
        - loss_fn = nn.MSELoss()                                    (mean squared error, 均方误差)
        - for each epoch, go through the data IN ORDER (no shuffling) in minibatches
          X[i:i + batch_size], y[i:i + batch_size] (the last one may be smaller); for each:
              zero the gradients, compute the loss, backward, step
        Returns the loss of every minibatch step as Python floats (loss.item(), computed
        before that step's update), num_epochs * ceil(n / batch_size) values in all.

The model is trained in place (its parameters change). The grader replays the same
steps and compares every loss and the final parameters with the reference.
"""

import torch
from torch import nn


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float, num_epochs: int,
          batch_size: int) -> list[float]:
    # TODO: create the SGD optimizer and the MSE loss
    # TODO: for each epoch and each in-order minibatch: zero_grad, loss, backward, step
    # TODO: collect loss.item() of every step and return the list
    raise NotImplementedError
