"""Batch normalization forward pass, train and eval (批量规范化 / 批量归一化).

Batch normalization (批量规范化) standardises every channel (通道) with a mean (均值) and
variance (方差), then applies a learned scale gamma (拉伸参数) and shift beta (偏移参数):

    Y = gamma * (X - mean) / sqrt(var + eps) + beta

Training mode (训练模式): mean and var are the statistics of the current mini-batch
(小批量), per channel, over every axis except the channel axis 1: over N for X of shape
(N, C), over N, H and W for (N, C, H, W). Use the BIASED variance (divide by the number
of values m) for normalising, computed as the mean of (X - mean) ** 2; the shortcut
E[X**2] - E[X]**2 loses precision when the values are large and close together.
The running statistics (移动平均 / running mean and var) are updated, as PyTorch does,
with

    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var  = (1 - momentum) * running_var  + momentum * batch_var * m / (m - 1)

(the running variance uses the UNBIASED batch variance).

Evaluation mode (预测 / 评估模式): normalise with running_mean and running_var instead,
and leave them unchanged (new_mean = running_mean, new_var = running_var).

Task:
    batch_norm(X, gamma, beta, running_mean, running_var, training,
               momentum=0.1, eps=1e-5) -> (Y, new_mean, new_var)

Inputs:  X (N, C) or (N, C, H, W); gamma, beta, running_mean, running_var of shape (C,);
         training a bool. In training mode N (times H*W) is at least 2.
Outputs: Y with X's shape and dtype; new_mean and new_var of shape (C,).
         Return new tensors: do not modify running_mean / running_var (or X) in place.
         Y must be differentiable with respect to X, gamma and beta.
Reference: `F.batch_norm` (which updates its running tensors in place) gives the same
numbers; do not call it, nn.BatchNorm*, or F.*_norm in your answer.
"""

import torch


def batch_norm(X: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
               running_mean: torch.Tensor, running_var: torch.Tensor, training: bool,
               momentum: float = 0.1, eps: float = 1e-5):
    # TODO: pick the reduction dims (all but 1) and reshape (C,) vectors to broadcast
    # TODO: training: batch statistics + updated running statistics; eval: running statistics
    raise NotImplementedError
