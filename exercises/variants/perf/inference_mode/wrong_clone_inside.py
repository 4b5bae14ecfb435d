"""to_trainable clones inside torch.inference_mode(): the copy is an inference tensor too."""

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
    with torch.inference_mode():
        return t.clone()
