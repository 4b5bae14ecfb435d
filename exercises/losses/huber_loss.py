"""Huber loss (Huber 鲁棒损失 / 平滑 L1 损失).

The squared loss (平方损失, L2) punishes outliers (离群点) hard; the absolute loss (L1)
has a kink at 0. Huber's robust loss (鲁棒损失) is quadratic for small residuals (残差)
and linear for large ones, with the switch at `delta`:

    d = pred - target
    l(d) = 0.5 * d**2                       if |d| <= delta
         = delta * (|d| - 0.5 * delta)      otherwise

Task:
    huber_loss(pred, target, delta=1.0) -> the MEAN of l over all elements (a 0-d tensor)

Inputs:  pred and target, float tensors of the same shape (any shape, e.g. (N,) or (N, D));
         delta > 0.
Output:  a scalar tensor (shape ()) with the dtype of pred; it must be differentiable
         (可微) with respect to pred (use tensor operations such as torch.where).
Reference: it equals `torch.nn.functional.huber_loss(pred, target, delta=delta)`
(do not call that, or smooth_l1_loss, in your answer).
"""

import torch


def huber_loss(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    # TODO: quadratic part where |d| <= delta, linear part elsewhere, then the mean
    raise NotImplementedError
