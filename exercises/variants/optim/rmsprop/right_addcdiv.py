"""State in a dict keyed by parameter, updated with addcmul_ / addcdiv_ like PyTorch's kernel."""

import torch


class RMSProp:
    def __init__(self, params, lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8) -> None:
        self.params = list(params)
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.state: dict[torch.Tensor, torch.Tensor] = {}

    def step(self) -> None:
        with torch.no_grad():
            for p in self.params:
                if p.grad is None:
                    continue
                s = self.state.setdefault(p, torch.zeros_like(p))
                s.mul_(self.alpha).addcmul_(p.grad, p.grad, value=1 - self.alpha)
                p.addcdiv_(p.grad, s.sqrt().add_(self.eps), value=-self.lr)
