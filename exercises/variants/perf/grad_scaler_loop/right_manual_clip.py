"""Clips by hand after unscale_ (clip_grad_norm_'s formula, eps 1e-6); loss recorded before the step."""

import torch
import torch.nn.functional as F
from torch import nn


def _clip(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef)


def train_mixed(model: nn.Module, batches: list, lr: float, max_norm: float,
                use_scaler: bool | None = None) -> dict:
    device = batches[0][0].device
    on_gpu = device.type == "cuda"
    scaler = torch.amp.GradScaler(device.type, enabled=on_gpu if use_scaler is None
                                  else use_scaler)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    params = list(model.parameters())
    history = {"losses": [], "scales": []}
    for X, y in batches:
        for p in params:
            p.grad = None
        with torch.autocast(device.type, dtype=torch.float16 if on_gpu else torch.bfloat16):
            loss = F.mse_loss(model(X), y)
        history["losses"].append(loss.item())
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        _clip(params, max_norm)
        scaler.step(optimizer)
        scaler.update()
        history["scales"].append(scaler.get_scale())
    return history
