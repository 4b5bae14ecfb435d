"""SGD with momentum from scratch, as torch.optim.SGD(momentum=...) does it (动量法).

Momentum (动量) keeps a velocity (速度) per parameter, a running sum of past gradients,
and steps along it. It damps the zig-zag of plain SGD across a narrow valley and speeds
it up along the valley floor. PyTorch's formulation, for every parameter p:

    g = p.grad + weight_decay * p
    v = g                       at the parameter's first step
    v = momentum * v + g        afterwards
    p <- p - lr * v

(Some texts write v = momentum * v - lr * g; p <- p + v. That is the same only while lr
never changes; with a learning-rate schedule PyTorch's form differs, and the check follows
PyTorch.) With momentum = 0 this is plain SGD.

Task: complete the class
    MomentumSGD(params, lr, momentum=0.9, weight_decay=0.0)
        keeps one velocity tensor per parameter (created at its first step).
    step()
        update every parameter that has a gradient, in place, as above. Skip parameters
        whose .grad is None (no velocity change for them).

Rules:
    - Read self.lr at every step: the check changes it between steps, like a scheduler.
    - Between steps the check clears gradients IN PLACE (p.grad.zero_()); a velocity that
      is p.grad itself would be wiped. Store a copy (g.clone() or a new tensor).
    - Update parameters in place (they stay the same leaf tensors), inside torch.no_grad();
      leave p.grad unchanged. Do not use torch.optim.
    - The check runs your optimizer and torch.optim.SGD(momentum=..., weight_decay=...)
      side by side on the same losses and compares the parameters after every step.
"""

import torch  # noqa: F401


class MomentumSGD:
    def __init__(self, params, lr: float, momentum: float = 0.9,
                 weight_decay: float = 0.0) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
        # TODO: room for one velocity per parameter (None until its first step)

    def step(self) -> None:
        # TODO: for every p with a gradient: g, update its velocity, p -= lr * v
        raise NotImplementedError
