"""Training mode, evaluation mode and a no_grad validation loop (训练模式与评估模式).

Layers such as dropout (暂退法, Dropout) behave differently while training and while
evaluating: `model.train()` switches dropout on, `model.eval()` switches it off (评估模式).
A validation loop (验证) must also not build an autograd graph (计算图): run it under
`torch.no_grad()` so no memory is spent on gradients and nothing can change the parameters.

Task:
    train_epoch(model, optimizer, X, y, batch_size) -> float
        - put the model in training mode (model.train()): it may have been left in eval
          mode by a previous evaluate()
        - loss_fn = nn.CrossEntropyLoss()
        - go through X, y IN ORDER in minibatches X[i:i + batch_size] (no shuffling); for
          each: optimizer.zero_grad(), loss, loss.backward(), optimizer.step()
        Returns the mean of the minibatch losses (sum of loss.item() / number of batches).
    evaluate(model, X, y, batch_size) -> float
        - put the model in evaluation mode (model.eval())
        - under torch.no_grad(), go through X in minibatches and count the examples whose
          argmax over the logits equals the label
        Returns the accuracy (准确率) over all examples, a float between 0 and 1.

Inputs: model, an nn.Module (with dropout) already on the device of X; optimizer, a
torch.optim optimizer over model.parameters(); X: (n, d) float32; y: (n,) int64 labels.
Do not move the model or the data to another device.
"""

import torch
from torch import nn


def train_epoch(model: nn.Module, optimizer: torch.optim.Optimizer, X: torch.Tensor,
                y: torch.Tensor, batch_size: int) -> float:
    # TODO: training mode, then one in-order pass: zero_grad, loss, backward, step
    # TODO: return the mean minibatch loss
    raise NotImplementedError


def evaluate(model: nn.Module, X: torch.Tensor, y: torch.Tensor, batch_size: int) -> float:
    # TODO: evaluation mode, no autograd graph, count correct predictions
    # TODO: return the fraction of correct predictions
    raise NotImplementedError
