"""shared_from_numpy uses torch.tensor(a), which copies."""

import numpy as np  # noqa: F401
import torch


def shared_from_numpy(a) -> torch.Tensor:
    return torch.tensor(a)


def copied_from_numpy(a) -> torch.Tensor:
    return torch.tensor(a)


def to_numpy(t: torch.Tensor):
    return t.detach().cpu().numpy()


def as_float32(a) -> torch.Tensor:
    return torch.from_numpy(a).to(torch.float32)
