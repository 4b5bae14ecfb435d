"""Per-parameter dict state, addcmul_ for the sum and addcdiv_ for the update."""

import torch


class Adagrad:
    def __init__(self, params, lr: float = 0.01, lr_decay: float = 0.0, eps: float = 1e-10,
                 initial_accumulator_value: float = 0.0) -> None:
        self.params = list(params)
        self.lr = lr
        self.lr_decay = lr_decay
        self.eps = eps
        self.state = {p: {"step": 0, "sum": torch.full_like(p, initial_accumulator_value)}
                      for p in self.params}

    def step(self) -> None:
        with torch.no_grad():
            for p in self.params:
                if p.grad is None:
                    continue
                st = self.state[p]
                st["step"] += 1
                st["sum"].addcmul_(p.grad, p.grad)
                clr = self.lr / (1 + (st["step"] - 1) * self.lr_decay)
                p.addcdiv_(p.grad, st["sum"].sqrt().add_(self.eps), value=-clr)
