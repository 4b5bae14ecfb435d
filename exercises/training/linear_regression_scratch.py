"""Linear regression from scratch (线性回归的从零开始实现).

Fit y ≈ X @ w + b with minibatch stochastic gradient descent (小批量随机梯度下降), using
only tensors with requires_grad=True and autograd (自动求导): no nn.Linear, no torch.optim.

Task:
    linreg(X, w, b) -> X @ w + b
        the model (模型). X: (n, d), w: (d,), b: a 0-d tensor. Returns shape (n,).
    squared_loss(y_hat, y) -> (y_hat - y) ** 2 / 2
        the squared loss (平方损失) PER EXAMPLE, shape (n,) (do not sum or average here).
    sgd(params, lr, batch_size) -> None
        for each parameter p, in place and under torch.no_grad():
            p -= lr * p.grad / batch_size
        then zero p.grad (梯度清零): gradients accumulate (累加) across backward() calls.
    train_linear_regression(X, y, lr, num_epochs, batch_size) -> dict
        X: (n, d) float32 features (特征), y: (n,) labels (标签), both on the same device.
        - w = torch.normal(0, 0.01, size=(d,)) and b = a 0-d zero tensor, both created on
          X.device (never hard-code "cpu") with requires_grad=True.
        - for each epoch (迭代周期), go through the examples IN ORDER in minibatches
          X[i:i + batch_size], y[i:i + batch_size] (the last one may be smaller):
              l = squared_loss(linreg(Xb, w, b), yb).sum()
              l.backward()
              sgd([w, b], lr, len(yb))
        Returns {"w": w.detach(), "b": b.detach(),
                 "loss": the mean squared_loss over ALL examples after training (a float),
                 "device": w.device.type}   ("cpu" or "cuda")

Do not change X or y in place. The grader checks that w and b come close to the true
weights the data was generated from (y = X @ true_w + true_b + small noise).
"""

import torch


def linreg(X: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # TODO: the linear model X @ w + b
    raise NotImplementedError


def squared_loss(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # TODO: (y_hat - y) ** 2 / 2, one value per example
    raise NotImplementedError


def sgd(params: list[torch.Tensor], lr: float, batch_size: int) -> None:
    # TODO: update every parameter in place under torch.no_grad(), then zero its gradient
    raise NotImplementedError


def train_linear_regression(X: torch.Tensor, y: torch.Tensor, lr: float, num_epochs: int,
                            batch_size: int) -> dict:
    # TODO: create w and b on X.device with requires_grad=True
    # TODO: loop over epochs and in-order minibatches: loss, backward, sgd
    # TODO: return {"w": ..., "b": ..., "loss": ..., "device": ...}
    raise NotImplementedError
