"""op_dtypes casts the inputs by hand instead of asking autocast."""

import torch
import torch.nn.functional as F
from torch import nn


def autocast_dtype(device_type: str) -> torch.dtype:
    return torch.float16 if device_type == "cuda" else torch.bfloat16


def mixed_forward(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    device_type = x.device.type
    with torch.autocast(device_type=device_type, dtype=autocast_dtype(device_type)):
        return model(x)


def mixed_loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    logits = mixed_forward(model, x)
    return F.cross_entropy(logits.float(), y)


def op_dtypes(a: torch.Tensor, b: torch.Tensor) -> dict:
    low = autocast_dtype(a.device.type)
    a, b = a.to(low), b.to(low)
    product = a @ b
    return {"matmul": product.dtype, "add": (a + a).dtype,
            "relu of matmul": torch.relu(product).dtype,
            "sum of matmul": product.sum().dtype,
            "matmul + a": (product + a[:, :b.shape[1]]).dtype}
