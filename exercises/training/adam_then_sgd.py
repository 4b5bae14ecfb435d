"""Adam first, then SGD (先用Adam再用SGD: switching optimizers).

Adaptive optimizers (自适应优化器) such as Adam make fast progress early and are not
very sensitive to the initial learning rate; plain SGD with momentum (动量) often
generalises better late in training. A simple recipe combines them: train with Adam
for the first `switch_step` steps, then create an SGD optimizer over the SAME
parameters and continue with it.

Task:
    train_adam_then_sgd(model, X, y, num_steps, switch_step, adam_lr, sgd_lr) -> dict
        - loss_fn = nn.MSELoss(); full-batch steps (every step uses all of X, y)
        - steps 0 .. switch_step - 1 use torch.optim.Adam(model.parameters(), lr=adam_lr),
          created once before step 0
        - at step switch_step create torch.optim.SGD(model.parameters(), lr=sgd_lr,
          momentum=0.9) once, and use it for the remaining steps
          (switch_step = 0 means SGD only; switch_step >= num_steps means Adam only)
        - each step: optimizer.zero_grad(), loss, loss.backward(), optimizer.step()
        Returns {"losses": the loss.item() of every step (before its update),
                 "optimizers": the class name of the optimizer that took each step,
                               type(optimizer).__name__, i.e. "Adam" or "SGD"}

Inputs: model, an nn.Module on the device of X; X: (n, d) float32, y: (n, 1) float32.
Keep everything on its device.
"""

import torch
from torch import nn


def train_adam_then_sgd(model: nn.Module, X: torch.Tensor, y: torch.Tensor, num_steps: int,
                        switch_step: int, adam_lr: float, sgd_lr: float) -> dict:
    # TODO: Adam for the first switch_step steps, then one SGD optimizer (momentum 0.9)
    # TODO: full-batch steps; record each loss and type(optimizer).__name__
    raise NotImplementedError
