"""Nesterov momentum, as torch.optim.SGD(nesterov=True) does it (Nesterov动量).

Plain momentum (动量法) steps along the velocity v. Nesterov's accelerated gradient looks
ahead: it corrects the step with where the velocity is about to carry the parameter.
PyTorch writes it without a second gradient evaluation, for every parameter p:

    g = p.grad
    v = g                        at the parameter's first step
    v = momentum * v + g         afterwards          (the same buffer as plain momentum)
    d = g + momentum * v         the Nesterov step direction
    p <- p - lr * d

(The original formulation evaluates the gradient at p + momentum * v; PyTorch's form is an
equivalent rewriting in shifted variables, and the check follows PyTorch.)

Task: complete the class
    NesterovSGD(params, lr, momentum=0.9)
    step()   update every parameter that has a gradient, in place, as above; skip
             parameters whose .grad is None.

Rules:
    - Read self.lr at every step (the check may change it between steps).
    - Between steps the check zeroes gradients IN PLACE (p.grad.zero_()): keep copies in
      your state, never p.grad itself.
    - Update parameters in place inside torch.no_grad(); leave p.grad unchanged; do not use
      torch.optim. The check compares your parameters after every step with
      torch.optim.SGD(lr, momentum=..., nesterov=True).
"""

import torch  # noqa: F401


class NesterovSGD:
    def __init__(self, params, lr: float, momentum: float = 0.9) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        # TODO: one momentum buffer per parameter (None until its first step)

    def step(self) -> None:
        # TODO: update the buffer, then step along g + momentum * v
        raise NotImplementedError
