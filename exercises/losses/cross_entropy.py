"""Cross-entropy loss from logits (交叉熵损失).

For classification (分类) a model outputs one score per class, the logits (未规范化的
预测). The cross-entropy loss (交叉熵损失) of one example with true class y is the
negative log-likelihood (负对数似然) of that class under the softmax:

    loss_n = -log softmax(logits_n)[y_n] = logsumexp(logits_n) - logits_n[y_n]

Compute it in a numerically stable way (数值稳定): subtract each row's maximum before
exponentiating (the log-sum-exp trick), so logits of size 1000 give no inf or nan.

Task:
    cross_entropy(logits, target, reduction="mean") -> loss

Inputs:
    logits     float tensor (N, C): N examples (样本), C classes (类别).
    target     int64 tensor (N,): class indices (类别索引) in [0, C).
    reduction  "mean" (average over the N examples, the default), "sum", or
               "none" (the (N,) tensor of per-example losses).
Output: a 0-d tensor for "mean"/"sum", an (N,) tensor for "none"; dtype of logits;
        differentiable with respect to logits.
Reference: it equals `torch.nn.functional.cross_entropy(logits, target, reduction=...)`
(do not call that, F.nll_loss, log_softmax or logsumexp in your answer).
"""

import torch


def cross_entropy(logits: torch.Tensor, target: torch.Tensor,
                  reduction: str = "mean") -> torch.Tensor:
    # TODO: stable log-sum-exp per row, minus the logit of the true class, then reduce
    raise NotImplementedError
