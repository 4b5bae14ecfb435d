"""Mixed precision with torch.autocast (混合精度训练).

Matrix multiplications run much faster in 16-bit floats, and their activations take half
the memory. torch.autocast runs the ops that are safe in low precision (矩阵乘法, linear
layers, convolutions) in a 16-bit dtype and keeps the others (sums of many terms, losses,
softmax on the GPU) in float32, while the parameters stay float32. The low-precision dtype
depends on the device:

    "cuda": torch.float16    (half precision, 半精度)
    "cpu":  torch.bfloat16   (same range as float32, fewer mantissa bits)

Do NOT convert the model with model.half() / .to(torch.bfloat16): the weights and their
updates would lose precision. Outside the autocast region a low-precision result stays
low precision, so compute a loss on it after `.float()`.

Task:
    autocast_dtype(device_type) -> torch.dtype        float16 for "cuda", bfloat16 for "cpu"
    mixed_forward(model, x) -> tensor
        model(x) under torch.autocast(device_type=x.device.type, dtype=autocast_dtype(...))
        (the output of a final nn.Linear comes out in the low-precision dtype). The model's
        parameters stay float32; autocast is off again afterwards.
    mixed_loss(model, x, y) -> 0-d float32 tensor
        the cross-entropy (交叉熵) of mixed_forward's logits against the labels y,
        computed in float32 after the autocast region; it must be differentiable (the
        check calls .backward() and expects float32 gradients on the parameters).
    op_dtypes(a, b) -> dict
        run these inside ONE autocast region on a's device (with autocast_dtype) and
        return the dtype of each result:
            "matmul":         a @ b
            "add":            a + a
            "relu of matmul": torch.relu(a @ b)
            "sum of matmul":  (a @ b).sum()
            "matmul + a":     (a @ b) + a[:, :b.shape[1]]     (low precision + float32)
        (the answers differ between CPU and CUDA: that is the point of asking torch).

Inputs: model, a float32 nn.Module on x's device; x (batch, features) float32; y (batch,)
int64 labels; a (n, k) and b (k, m) float32 tensors with m <= k.
"""

import torch
import torch.nn.functional as F  # noqa: F401
from torch import nn


def autocast_dtype(device_type: str) -> torch.dtype:
    # TODO: float16 on "cuda", bfloat16 on "cpu"
    raise NotImplementedError


def mixed_forward(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # TODO: with torch.autocast(device_type=..., dtype=...): model(x)
    raise NotImplementedError


def mixed_loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # TODO: cross-entropy of the mixed logits, in float32
    raise NotImplementedError


def op_dtypes(a: torch.Tensor, b: torch.Tensor) -> dict:
    # TODO: the five results under one autocast region, and their dtypes
    raise NotImplementedError
