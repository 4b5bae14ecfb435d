"""to_trainable returns t.detach(): still an inference tensor."""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            return model(x)
    finally:
        model.train(was_training)


def to_trainable(t: torch.Tensor) -> torch.Tensor:
    return t.detach()
