"""Weight decay in Adam: L2 penalty in the gradient vs decoupled decay (AdamW).

For plain SGD, adding (wd / 2) * ||p||^2 to the loss (L2 正则化) and shrinking the weights
by a constant factor each step (权重衰减) are the same thing. For Adam they are NOT:

  L2 in the gradient — torch.optim.Adam(weight_decay=wd):
      g = p.grad + wd * p                    the decay term goes into the moments, so
      p <- p - lr * adam_direction(g)        Adam rescales it like any gradient: weights
                                             with large gradients are barely decayed.
  Decoupled decay — torch.optim.AdamW(weight_decay=wd) (Loshchilov & Hutter):
      p <- p * (1 - lr * wd)                 first shrink the weights directly,
      p <- p - lr * adam_direction(p.grad)   then the Adam step on the loss gradient alone.

adam_direction is given below: it updates the parameter's moment estimates (一阶矩/二阶矩,
with bias correction 偏差校正) and returns m_hat / (sqrt(v_hat) + eps).

Task: complete AdamWD.step()
    AdamWD(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False)
        decoupled=False behaves like torch.optim.Adam(lr, betas, eps, weight_decay),
        decoupled=True like torch.optim.AdamW(lr, betas, eps, weight_decay).
    step(): for every parameter with a gradient (skip .grad None), in place, as above.
        The decoupled shrink uses the current self.lr and happens BEFORE the Adam step.

Rules: read self.lr at every step; leave p.grad unchanged (build g as a new tensor); update
in place inside torch.no_grad(); do not use torch.optim.
"""

import torch


def adam_direction(state: dict, grad: torch.Tensor, betas: tuple[float, float],
                   eps: float) -> torch.Tensor:
    """Given (do not change): one Adam moment update for one parameter; returns the step
    direction m_hat / (sqrt(v_hat) + eps). `state` starts as {} and is filled here."""
    beta1, beta2 = betas
    if not state:
        state.update(t=0, m=torch.zeros_like(grad), v=torch.zeros_like(grad))
    state["t"] += 1
    state["m"].mul_(beta1).add_((1 - beta1) * grad)
    state["v"].mul_(beta2).add_((1 - beta2) * grad * grad)
    m_hat = state["m"] / (1 - beta1 ** state["t"])
    v_hat = state["v"] / (1 - beta2 ** state["t"])
    return m_hat / (v_hat.sqrt() + eps)


class AdamWD:
    def __init__(self, params, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0.0, decoupled: bool = False) -> None:
        self.params = list(params)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weight_decay = weight_decay
        self.decoupled = decoupled
        self.states = [{} for _ in self.params]

    def step(self) -> None:
        # TODO: decoupled=False: the decay term goes into the gradient given to adam_direction
        # TODO: decoupled=True: shrink p by (1 - lr * wd) first, then the Adam step on p.grad
        raise NotImplementedError
