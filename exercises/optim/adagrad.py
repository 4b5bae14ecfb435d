"""AdaGrad from scratch, as torch.optim.Adagrad does it (AdaGrad算法).

AdaGrad gives every coordinate its own learning rate: coordinates with large past
gradients take small steps, rarely updated ones (sparse features, 稀疏特征) keep large
steps. It accumulates the squares of ALL past gradients, so the steps only shrink. For
every parameter p, with t its own step count (1 at its first step):

    g = p.grad
    s = s + g * g                                 (s starts at initial_accumulator_value)
    lr_t = lr / (1 + (t - 1) * lr_decay)
    p <- p - lr_t * g / (sqrt(s) + eps)           (eps outside the square root)

Task: complete the class
    Adagrad(params, lr=0.01, lr_decay=0.0, eps=1e-10, initial_accumulator_value=0.0)
    step()   update every parameter that has a gradient, in place; skip parameters whose
             .grad is None. Each parameter counts its OWN steps: a parameter skipped in
             a call does not advance its t.

Rules:
    - Read self.lr at every step. Keep your state in your own tensors: the check zeroes
      p.grad in place between steps.
    - Update parameters in place inside torch.no_grad(); leave p.grad unchanged; do not use
      torch.optim. The check compares your parameters after every step with
      torch.optim.Adagrad(lr, lr_decay, eps=eps, initial_accumulator_value=...).
"""

import torch  # noqa: F401


class Adagrad:
    def __init__(self, params, lr: float = 0.01, lr_decay: float = 0.0, eps: float = 1e-10,
                 initial_accumulator_value: float = 0.0) -> None:
        self.params = list(params)
        self.lr = lr
        self.lr_decay = lr_decay
        self.eps = eps
        # TODO: per parameter: the sum of squared gradients (start value given) and a step count
        self.initial_accumulator_value = initial_accumulator_value

    def step(self) -> None:
        # TODO: t += 1; s += g^2; p -= lr / (1 + (t - 1) * lr_decay) * g / (sqrt(s) + eps)
        raise NotImplementedError
