"""torch.as_tensor (shares when it can), np.asarray on a detached tensor, torch.Tensor(a) for float32."""

import numpy as np
import torch


def shared_from_numpy(a) -> torch.Tensor:
    return torch.as_tensor(a)


def copied_from_numpy(a) -> torch.Tensor:
    return torch.from_numpy(a.copy())


def to_numpy(t: torch.Tensor):
    return np.asarray(t.detach().to("cpu"))


def as_float32(a) -> torch.Tensor:
    return torch.Tensor(a)
