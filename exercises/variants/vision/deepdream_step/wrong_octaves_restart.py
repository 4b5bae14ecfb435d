"""dream_octaves dreams each size from the original image, keeping only the last result."""

import torch
import torch.nn.functional as F
from torch import nn


def dream_step(model: nn.Module, image: torch.Tensor, lr: float) -> tuple[torch.Tensor, float]:
    x = image.detach().clone().requires_grad_(True)
    loss = model(x).norm()
    (grad,) = torch.autograd.grad(loss, x)
    grad = grad / (grad.abs().mean() + 1e-8)
    new_image = (image.detach() + lr * grad).clamp(0, 1)
    return new_image, loss.item()


def dream(model: nn.Module, image: torch.Tensor, steps: int,
          lr: float) -> tuple[torch.Tensor, list[float]]:
    losses = []
    for _ in range(steps):
        image, loss = dream_step(model, image, lr)
        losses.append(loss)
    return image, losses


def _resize(image: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    return F.interpolate(image, size=size, mode="bilinear", align_corners=False)


def dream_octaves(model: nn.Module, image: torch.Tensor, sizes: list[tuple[int, int]],
                  steps: int, lr: float) -> torch.Tensor:
    original, original_image = tuple(image.shape[-2:]), image
    for size in sizes:
        result, _ = dream(model, _resize(original_image, size), steps, lr)
    return _resize(result, original)
