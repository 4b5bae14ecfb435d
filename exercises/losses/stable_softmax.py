"""Numerically stable softmax and log-softmax (数值稳定的 softmax).

softmax(x)_i = exp(x_i) / sum_j exp(x_j) turns scores (logits, 未规范化的预测) into
probabilities (概率). Computed naively, exp(1000) overflows (上溢) to inf and the result
becomes nan; exp(-1000) underflows (下溢) to 0 and log(0) = -inf.

The fix: softmax does not change when the same constant is subtracted from every
entry, so subtract the maximum (最大值) first: every exponent is then <= 0 and the largest
one is exp(0) = 1. For the logarithm use the log-sum-exp trick (LogSumExp 技巧):

    log_softmax(x)_i = (x_i - m) - log(sum_j exp(x_j - m)),   m = max_j x_j

Task:
    softmax(x, dim=-1)      -> probabilities along `dim` (they sum to 1 along dim)
    log_softmax(x, dim=-1)  -> log-probabilities along `dim`

Inputs:  x, a float tensor of any shape, e.g. (batch, classes); dim, the axis to normalise.
         Entries may be huge (±1000) or -inf (a masked score, probability 0), but every
         slice along dim has at least one finite entry.
Outputs: tensors with x's shape and dtype, with no nan, matching torch.softmax /
         torch.log_softmax (do not call those, F.softmax, or torch.logsumexp in your answer).
Rules:   the max is taken separately for every slice along dim (keepdim=True); do not
         change x in place; log_softmax must not be computed as log(softmax(x)).
"""

import torch


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # TODO: subtract the max along dim, exponentiate, divide by the sum along dim
    raise NotImplementedError


def log_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # TODO: (x - max) - log(sum(exp(x - max))) along dim
    raise NotImplementedError
