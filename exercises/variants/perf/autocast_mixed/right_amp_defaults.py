"""torch.get_autocast_dtype for the device's default; loss inside autocast (cross_entropy runs in float32 there)."""

import torch
import torch.nn.functional as F
from torch import nn


def autocast_dtype(device_type: str) -> torch.dtype:
    return torch.get_autocast_dtype(device_type)


def mixed_forward(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    with torch.amp.autocast(x.device.type, dtype=autocast_dtype(x.device.type)):
        out = model(x)
    return out


def mixed_loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    with torch.amp.autocast(x.device.type, dtype=autocast_dtype(x.device.type)):
        loss = F.cross_entropy(model(x), y)
    return loss.float()


def op_dtypes(a: torch.Tensor, b: torch.Tensor) -> dict:
    results = {}
    with torch.amp.autocast(a.device.type, dtype=autocast_dtype(a.device.type)):
        p = torch.matmul(a, b)
        results["matmul"] = p
        results["add"] = torch.add(a, a)
        results["relu of matmul"] = p.relu()
        results["sum of matmul"] = torch.sum(p)
        results["matmul + a"] = p + a[:, :b.shape[1]]
    return {k: v.dtype for k, v in results.items()}
