"""Parameter groups: per-group learning rates, frozen layers, no decay on biases (参数组).

An optimizer takes a list of parameter groups (参数组), each a dict with its own "params"
and its own settings ("lr", "weight_decay", ...), so one optimizer can train parts of a
model differently. Three habits of fine-tuning (微调) and transformer training use it:

  - a pretrained backbone (主干网络) gets a small lr, the new head (输出层) a larger one;
  - a frozen (冻结) part gets no updates at all: its parameters have requires_grad=False
    and are not handed to the optimizer;
  - weight decay (权重衰减) applies to weight matrices and convolution kernels only, not to
    biases (偏置) or the scale/shift of normalisation layers (LayerNorm, BatchNorm): in
    practice, parameters with p.ndim >= 2 decay, 1-D ones do not.

Task:
    freeze(module) -> None
        make every parameter of module non-trainable (requires_grad False).
    decay_split(module) -> (decay, no_decay)
        two lists of the module's TRAINABLE parameters (requires_grad True), in the order of
        module.named_parameters(): decay = those with p.ndim >= 2, no_decay = the rest.
    build_optimizer(model, backbone_lr, head_lr, weight_decay) -> torch.optim.AdamW
        model has two parts, model.backbone and model.head. Give the optimizer these groups:
            backbone decay params      lr backbone_lr   weight_decay weight_decay
            backbone no-decay params   lr backbone_lr   weight_decay 0.0
            head decay params          lr head_lr       weight_decay weight_decay
            head no-decay params       lr head_lr       weight_decay 0.0
        (empty groups may be left out). Frozen parameters are in no group, and no parameter
        is in two groups. Other AdamW settings stay at their defaults.

Inputs: nn.Modules; lrs and weight_decay are floats.
"""

import torch  # noqa: F401
from torch import nn


def freeze(module: nn.Module) -> None:
    # TODO: requires_grad False for every parameter
    raise NotImplementedError


def decay_split(module: nn.Module) -> tuple[list[nn.Parameter], list[nn.Parameter]]:
    # TODO: trainable parameters only; ndim >= 2 decays, the rest does not
    raise NotImplementedError


def build_optimizer(model: nn.Module, backbone_lr: float, head_lr: float,
                    weight_decay: float) -> torch.optim.Optimizer:
    # TODO: up to four groups (backbone/head x decay/no decay) for torch.optim.AdamW
    raise NotImplementedError
