"""to_device with a match statement; predict under torch.inference_mode()."""

import torch
from torch import nn


def pick_device() -> torch.device:
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def to_device(batch, device):
    match batch:
        case torch.Tensor():
            return batch.to(device)
        case tuple():
            return tuple(to_device(item, device) for item in batch)
        case list():
            return [to_device(item, device) for item in batch]
        case dict():
            return dict(zip(batch, (to_device(v, device) for v in batch.values()), strict=True))
        case _:
            return batch


def predict(model: nn.Module, X: torch.Tensor, device) -> torch.Tensor:
    model = model.to(device).eval()
    with torch.inference_mode():
        out = model(X.to(device))
    return out
