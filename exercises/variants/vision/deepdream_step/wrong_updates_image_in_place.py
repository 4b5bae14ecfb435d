"""Makes the caller's image require grad and updates it in place through .data."""

import torch
import torch.nn.functional as F


def dream_step(model, image, lr):
    image.requires_grad_(True)
    loss = model(image).norm()
    (grad,) = torch.autograd.grad(loss, image)
    image.data += lr * grad / (grad.abs().mean() + 1e-8)
    image.data.clamp_(0, 1)
    image.requires_grad_(False)
    return image, loss.item()


def dream(model, image, steps, lr):
    losses = []
    for _ in range(steps):
        image, loss = dream_step(model, image, lr)
        losses.append(loss)
    return image, losses


def dream_octaves(model, image, sizes, steps, lr):
    original = tuple(image.shape[-2:])
    for size in sizes:
        image = F.interpolate(image, size=size, mode="bilinear", align_corners=False)
        image, _ = dream(model, image, steps, lr)
    return F.interpolate(image, size=original, mode="bilinear", align_corners=False)
