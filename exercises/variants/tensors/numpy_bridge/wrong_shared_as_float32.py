"""shared_from_numpy converts to float32 on the way: a float64 array gets copied."""

import numpy as np  # noqa: F401
import torch


def shared_from_numpy(a) -> torch.Tensor:
    return torch.as_tensor(a, dtype=torch.float32)


def copied_from_numpy(a) -> torch.Tensor:
    return torch.tensor(a)


def to_numpy(t: torch.Tensor):
    return t.detach().cpu().numpy()


def as_float32(a) -> torch.Tensor:
    return torch.from_numpy(a).to(torch.float32)
