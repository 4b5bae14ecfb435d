"""Calls loss.backward(), which also fills .grad on every weight of the network."""

import torch.nn.functional as F


def dream_step(model, image, lr):
    x = image.detach().clone().requires_grad_(True)
    loss = model(x).norm()
    loss.backward()
    grad = x.grad / (x.grad.abs().mean() + 1e-8)
    return (image.detach() + lr * grad).clamp(0, 1), loss.item()


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
