"""A mixed-precision training loop with GradScaler (混合精度训练: 梯度缩放).

In float16 small gradients underflow (下溢) to zero. torch.amp.GradScaler multiplies the
loss by a large scale (2**16 at first) before backward, so the gradients are large enough
to survive, then divides them back before the optimizer uses them. When a step produces
inf or nan gradients (the scale was too large), scaler.step() SKIPS the optimizer step
and scaler.update() halves the scale; after many good steps it grows again. bfloat16 has
float32's range, so on the CPU (bfloat16 autocast) the scaler is normally switched off.

The loop, with one optimizer and one scaler created before it:

    optimizer.zero_grad()
    with torch.autocast(device_type, dtype=...):      float16 on cuda, bfloat16 on cpu
        loss = F.mse_loss(model(X), y)
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)                          divide the gradients back first...
    nn.utils.clip_grad_norm_(model.parameters(), max_norm)   ...so clipping sees true sizes
    scaler.step(optimizer)                              skipped if the gradients are inf/nan
    scaler.update()

Task:
    train_mixed(model, batches, lr, max_norm, use_scaler=None) -> dict
        batches: a list of (X, y) pairs on the model's device; one step per pair, in order.
        device_type = the batches' device type ("cuda" or "cpu").
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        scaler = torch.amp.GradScaler(device_type, enabled=...) with its default settings;
            enabled = (device_type == "cuda") when use_scaler is None, else use_scaler
            (the check also forces it on for the CPU).
        Returns {"losses": loss.item() of every step (inf for a bad batch),
                 "scales": scaler.get_scale() after every step's update()}.

Keep the model on its device.
"""

import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401
from torch import nn


def train_mixed(model: nn.Module, batches: list, lr: float, max_norm: float,
                use_scaler: bool | None = None) -> dict:
    # TODO: the device type, one SGD optimizer, one GradScaler (enabled as described)
    # TODO: per batch: zero_grad, autocast forward + MSE, scaled backward, unscale_, clip,
    # TODO: scaler.step, scaler.update; record the loss and the scale
    raise NotImplementedError
