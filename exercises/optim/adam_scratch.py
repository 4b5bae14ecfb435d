"""Adam from scratch, with bias correction, as torch.optim.Adam does it (Adam算法).

Adam combines momentum (an exponentially weighted moving average of the gradients, the
first moment 一阶矩) with RMSProp's per-coordinate scaling (an average of the squared
gradients, the second moment 二阶矩). Both averages start at zero, so early on they are
biased towards zero; dividing by (1 - beta^t) corrects that (偏差校正). For every
parameter p, with t its own step count (1 at its first step):

    g = p.grad
    m = beta1 * m + (1 - beta1) * g              (m, v start at zeros)
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    p <- p - lr * m_hat / (sqrt(v_hat) + eps)    (eps outside the square root)

Task: complete the class
    Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    step()   update every parameter that has a gradient, in place; skip parameters whose
             .grad is None. Each parameter counts its OWN steps (a parameter skipped in a
             call does not advance its t).

Rules:
    - Read self.lr at every step. Keep m and v in your own tensors: the check zeroes
      p.grad in place between steps.
    - Update parameters in place inside torch.no_grad(); leave p.grad unchanged; do not use
      torch.optim. The check compares your parameters after every step with
      torch.optim.Adam(lr, betas, eps).
"""

import torch  # noqa: F401


class Adam:
    def __init__(self, params, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8) -> None:
        self.params = list(params)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        # TODO: per parameter: a step count t and the two moments m, v (zeros)

    def step(self) -> None:
        # TODO: t += 1; update m and v; correct their bias; p -= lr * m_hat / (sqrt(v_hat) + eps)
        raise NotImplementedError
