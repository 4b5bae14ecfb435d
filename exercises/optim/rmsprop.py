"""RMSProp from scratch, as torch.optim.RMSprop does it (RMSProp算法).

AdaGrad divides by the root of the SUM of squared gradients, so its steps shrink forever.
RMSProp uses a leaky average (泄漏平均) of the squared gradients instead, so the
per-coordinate learning rate adapts to recent gradients only. For every parameter p:

    g = p.grad
    s = alpha * s + (1 - alpha) * g * g          (s starts at zeros)
    p <- p - lr * g / (sqrt(s) + eps)

Note where eps goes: OUTSIDE the square root, added to sqrt(s), as PyTorch does. (Some
texts write sqrt(s + eps); with PyTorch's eps = 1e-8 the two barely differ, but with a
large eps they do, and the check uses one.)

Task: complete the class
    RMSProp(params, lr=0.01, alpha=0.99, eps=1e-8)
    step()   update every parameter that has a gradient, in place; skip parameters whose
             .grad is None (their s does not decay either).

Rules:
    - Read self.lr at every step. Keep your state in your own tensors: the check zeroes
      p.grad in place between steps.
    - Update parameters in place inside torch.no_grad(); leave p.grad unchanged; do not use
      torch.optim. The check compares your parameters after every step with
      torch.optim.RMSprop(lr, alpha, eps) (no momentum, not centered).
"""

import torch  # noqa: F401


class RMSProp:
    def __init__(self, params, lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8) -> None:
        self.params = list(params)
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        # TODO: one running average of squared gradients per parameter (zeros)

    def step(self) -> None:
        # TODO: s = alpha * s + (1 - alpha) * g^2; p -= lr * g / (sqrt(s) + eps)
        raise NotImplementedError
