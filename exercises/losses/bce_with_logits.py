"""Binary cross-entropy from logits, computed stably (二元交叉熵, 数值稳定).

For binary classification (二分类) a model outputs one logit z per example; the predicted
probability is sigmoid(z) = 1 / (1 + exp(-z)). With a target y in [0, 1] the binary
cross-entropy (二元交叉熵) is

    loss = -[ y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z)) ]

Naively, sigmoid(40) rounds to exactly 1.0 in float32, so log(1 - sigmoid(z)) = log(0) = -inf.
Rewritten algebraically, the same loss is

    loss = max(z, 0) - z * y + log(1 + exp(-|z|))

where exp only ever sees a non-positive number (no overflow, 上溢), and
`torch.log1p(t)` computes log(1 + t) accurately for small t.

Task:
    bce_with_logits(logits, target) -> the MEAN loss over all elements (a 0-d tensor)

Inputs:  logits, a float tensor of any shape; target, a float tensor of the same shape
         with values in [0, 1] (hard labels 0/1 or soft labels like 0.3).
Output:  a scalar tensor with the dtype of logits, finite even for logits of ±1000,
         differentiable with respect to logits.
Reference: `torch.nn.functional.binary_cross_entropy_with_logits(logits, target)`
(do not call that, binary_cross_entropy, logsigmoid or softplus in your answer).
"""

import torch


def bce_with_logits(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    # TODO: max(z, 0) - z * y + log1p(exp(-|z|)), then the mean
    raise NotImplementedError
