"""DeepDream: gradient ascent on the image, not on the weights (DeepDream, 梯度上升).

How does a CNN see the world? DeepDream asks a trained network (e.g. the first blocks
of a pretrained VGG-19, 预训练模型) to exaggerate what it already detects: feed it an
image, measure how strongly a layer responds (the L2 norm of its activations, 特征值的
L2范数), and change the image's pixels (像素值) in the direction that makes the response
larger: gradient ascent (梯度上升) on the input. The network's weights (网络权重) are not
updated: the image is the only thing being "trained". Doing this at several image sizes
(octaves: first on a smaller, shrunken image (图像缩小), then enlarged again) gives larger
and smoother patterns.

Task:
    dream_step(model, image, lr) -> (new_image, loss)
        image: (1, 3, H, W) float tensor with values in [0, 1]; model: an nn.Module in
        evaluation mode that maps the image to a layer's activations.
          1. x = a copy of image that requires grad (image itself must not change);
          2. loss = model(x).norm()   (the L2 norm of all the activations);
          3. g = the gradient of loss with respect to x ONLY: the model must come back
             as it was given: same parameter values, same requires_grad flags, and
             no .grad on any parameter (torch.autograd.grad(loss, x) does exactly that);
          4. g = g / (g.abs().mean() + 1e-8)   (normalise the step size);
          5. new_image = (image + lr * g).clamp(0, 1)   (ascent: plus, not minus).
        new_image: a tensor like image, not requiring grad; loss: a Python float (the
        norm before the step).
    dream(model, image, steps, lr) -> (new_image, losses)
        `steps` dream_steps one after the other; losses is the list of the steps' losses
        (Python floats).
    dream_octaves(model, image, sizes, steps, lr) -> new_image
        for each (h, w) in sizes, in order: resize the current image to (h, w) with
        F.interpolate(..., size=(h, w), mode="bilinear", align_corners=False), then
        dream `steps` steps on it. Finally resize back to the original (H, W) the same
        way; the result has image's shape.
"""

import torch
import torch.nn.functional as F  # noqa: F401
from torch import nn


def dream_step(model: nn.Module, image: torch.Tensor, lr: float) -> tuple[torch.Tensor, float]:
    # TODO: a leaf copy of the image that requires grad, the activations' L2 norm
    # TODO: the gradient with respect to the image only, normalised
    # TODO: one ascent step, clamped to [0, 1]; return it detached, and loss.item()
    raise NotImplementedError


def dream(model: nn.Module, image: torch.Tensor, steps: int,
          lr: float) -> tuple[torch.Tensor, list[float]]:
    # TODO: repeat dream_step, collecting the losses
    raise NotImplementedError


def dream_octaves(model: nn.Module, image: torch.Tensor, sizes: list[tuple[int, int]],
                  steps: int, lr: float) -> torch.Tensor:
    # TODO: resize to each size in turn and dream there; resize back at the end
    raise NotImplementedError
