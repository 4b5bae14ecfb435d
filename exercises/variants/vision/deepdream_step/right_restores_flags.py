"""Saves each parameter's requires_grad, switches them off, uses backward(), restores them."""

import torch
import torch.nn.functional as F


def dream_step(model, image, lr):
    flags = [p.requires_grad for p in model.parameters()]
    for p in model.parameters():
        p.requires_grad_(False)
    try:
        x = image.clone().detach().requires_grad_()
        loss = torch.linalg.vector_norm(model(x))
        loss.backward()
        step = x.grad / (x.grad.abs().mean() + 1e-8)
    finally:
        for p, flag in zip(model.parameters(), flags, strict=True):
            p.requires_grad_(flag)
    with torch.no_grad():
        new_image = torch.clamp(image + lr * step, min=0.0, max=1.0)
    return new_image, float(loss)


def dream(model, image, steps, lr):
    losses = []
    for _ in range(steps):
        image, loss = dream_step(model, image, lr)
        losses.append(loss)
    return image, losses


def dream_octaves(model, image, sizes, steps, lr):
    height, width = image.shape[-2:]
    for h, w in sizes:
        image = F.interpolate(image, size=(h, w), mode="bilinear", align_corners=False)
        image = dream(model, image, steps, lr)[0]
    return F.interpolate(image, size=(height, width), mode="bilinear", align_corners=False)
