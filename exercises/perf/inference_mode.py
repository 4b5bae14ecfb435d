"""Inference without autograd: torch.inference_mode vs torch.no_grad (推理模式).

For prediction (预测) nothing is back-propagated, so recording the autograd graph is
wasted time and memory. torch.no_grad() stops the recording; torch.inference_mode() goes
further: tensors created inside it are "inference tensors" with no version counter and no
autograd metadata, which makes them cheaper. The price: an inference tensor can never
enter autograd later (using it in an operation whose result needs a gradient raises), so
clone it outside inference mode if you need a normal tensor.

Neither switches the model to evaluation mode: dropout (暂退法) and batch normalisation
(批量规范化) behave differently in model.eval(), and that is a separate call.

Task:
    predict(model, x) -> tensor
        the model's output computed in evaluation mode under torch.inference_mode().
        The output is an inference tensor (out.is_inference() is True). Afterwards the
        model is back in the mode it was in before (training or evaluation); its
        parameters and BatchNorm running statistics are unchanged.
    to_trainable(t) -> tensor
        a normal tensor (not an inference tensor) with t's values, dtype and device, that
        autograd can use, e.g. (to_trainable(t) * w).sum().backward() with w requiring
        grad. t itself is not changed.

Inputs: model, an nn.Module on x's device; x (batch, features); t, an inference tensor.
"""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # TODO: remember model.training, eval(), run under torch.inference_mode(), restore
    raise NotImplementedError


def to_trainable(t: torch.Tensor) -> torch.Tensor:
    # TODO: a normal copy, made outside inference mode
    raise NotImplementedError
