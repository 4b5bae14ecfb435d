"""Back-propagates the plain loss; unscale_ then divides the true gradients by the scale."""

import torch
import torch.nn.functional as F
from torch import nn


def train_mixed(model: nn.Module, batches: list, lr: float, max_norm: float,
                use_scaler: bool | None = None) -> dict:
    device_type = batches[0][0].device.type
    enabled = device_type == "cuda" if use_scaler is None else use_scaler
    low = torch.float16 if device_type == "cuda" else torch.bfloat16
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    scaler = torch.amp.GradScaler(device_type, enabled=enabled)
    losses, scales = [], []
    for X, y in batches:
        optimizer.zero_grad()
        with torch.autocast(device_type=device_type, dtype=low):
            loss = F.mse_loss(model(X), y)
        loss.backward()
        scaler.unscale_(optimizer)
        nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        scaler.step(optimizer)
        scaler.update()
        losses.append(loss.item())
        scales.append(scaler.get_scale())
    return {"losses": losses, "scales": scales}
