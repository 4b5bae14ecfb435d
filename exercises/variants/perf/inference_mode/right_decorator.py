"""A helper decorated with @torch.inference_mode(); to_trainable via empty_like + copy_."""

import torch
from torch import nn


@torch.inference_mode()
def _forward(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    return model(x)


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    mode = model.training
    model.train(False)
    out = _forward(model, x)
    model.train(mode)
    return out


def to_trainable(t: torch.Tensor) -> torch.Tensor:
    fresh = torch.empty_like(t)
    fresh.copy_(t)
    return fresh
