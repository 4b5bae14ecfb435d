"""Count a model's parameters (参数管理: 参数个数).

`model.parameters()` yields every learnable parameter (可学习参数) of a model and of
all its sub-modules (子模块). Count how many scalar values they hold.

Task:
    count_parameters(model, trainable_only=False) -> int

Inputs:
    model           any nn.Module (an nn.Sequential, a custom block, a single layer).
    trainable_only  when True, count only parameters with `requires_grad=True`
                    (frozen parameters (冻结参数) are skipped).
Output: a Python int, the total number of elements (元素个数) of the parameters.

Rules:
    * A parameter shared (参数共享) by two layers is counted ONCE.
    * Buffers (缓冲区) such as BatchNorm's running_mean are not parameters: do not count
      them (so `state_dict()` is the wrong place to look).
    * Example: nn.Linear(20, 256) has 20*256 weights + 256 biases = 5376 parameters.
"""

from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    # TODO: sum the number of elements of model.parameters()
    #       (only those with requires_grad when trainable_only is True)
    raise NotImplementedError
