"""Softmax regression on Gaussian clusters (softmax回归, 多分类).

A linear layer produces one score (logit, 未规范化的预测) per class; nn.CrossEntropyLoss
(交叉熵损失) applies softmax internally, so feed it the raw logits, never probabilities.
With all weights zero every class gets probability 1/K, so the first loss is ln K:
a quick sanity check (检查初始损失) for any classifier.

Task:
    accuracy(logits, y) -> float
        logits: (n, K), y: (n,) int64 class labels. The fraction (准确率, between 0 and 1)
        of rows whose argmax equals the label.
    train_softmax_regression(X, y, num_classes, lr, num_steps) -> dict
        X: (n, d) float32 features, y: (n,) int64 labels in [0, num_classes), same device.
        - model = nn.Linear(d, num_classes) on X.device, with weight AND bias set to zero
          (nn.init.zeros_) before training
        - loss_fn = nn.CrossEntropyLoss(); optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        - num_steps full-batch steps (全批量): zero_grad, loss on all of X, backward, step;
          record loss.item() of every step (before its update)
        Returns {"losses": list of num_steps floats,
                 "accuracy": accuracy(model(X), y) after training (a float),
                 "weight": model.weight.detach(), "bias": model.bias.detach(),
                 "device": model.weight.device.type}

The grader checks that the first loss is ln K, that the loss falls low enough and that
the final accuracy reaches a threshold.
"""

import torch
from torch import nn  # noqa: F401


def accuracy(logits: torch.Tensor, y: torch.Tensor) -> float:
    # TODO: fraction of rows where argmax(logits) == y
    raise NotImplementedError


def train_softmax_regression(X: torch.Tensor, y: torch.Tensor, num_classes: int, lr: float,
                             num_steps: int) -> dict:
    # TODO: a zero-initialised nn.Linear on X.device, CrossEntropyLoss, SGD
    # TODO: num_steps full-batch steps, recording each loss
    # TODO: return the dict described in the docstring
    raise NotImplementedError
