import math

import torch
from torch import nn

from studykit.grading.kit import Case, plain_words

F64 = torch.float64


def _model(ctx, dtype=torch.float32, seed=0):
    """The first layers of a small 'pretrained' CNN, in evaluation mode."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(),
                          nn.Conv2d(8, 8, 3, padding=1), nn.ReLU())
    return model.to(device=ctx.device, dtype=dtype).eval()


def _model_state(model):
    return {"values": [p.detach().clone() for p in model.parameters()],
            "requires_grad": [p.requires_grad for p in model.parameters()],
            "grads": [p.grad is not None for p in model.parameters()],
            "training": model.training}


def _step(m, ctx, image, lr, dtype=torch.float32):
    model = _model(ctx, dtype)
    before = _model_state(model)
    new_image, loss = m.dream_step(model, image, lr)
    after = _model_state(model)
    image_flag = image.requires_grad
    with torch.no_grad():
        gained = model(new_image).norm().item() - model(image).norm().item()
    return {"image": new_image.detach(), "loss": float(loss),
            "loss type": type(loss).__name__,
            "requires grad": bool(getattr(new_image, "requires_grad", False)),
            "weights unchanged": all(torch.equal(a, b) for a, b in
                                     zip(before["values"], after["values"], strict=True)),
            "flags unchanged": before["requires_grad"] == after["requires_grad"],
            "weight grads": any(after["grads"]),
            "mode unchanged": before["training"] == after["training"],
            "gained": gained, "image requires grad": image_flag}


@plain_words
def verify_step(got, expected):
    if got["image requires grad"]:
        raise AssertionError("the given image now requires grad: work on a copy "
                             "(image.detach().requires_grad_(True)), not on image itself")
    if got["weight grads"]:
        raise AssertionError("the network's parameters got a .grad: DeepDream differentiates "
                             "with respect to the image only (torch.autograd.grad(loss, x))")
    if not got["flags unchanged"]:
        raise AssertionError("the parameters' requires_grad flags changed: give the model back "
                             "as it was")
    if not got["weights unchanged"]:
        raise AssertionError("the network's weights changed: only the image is updated")
    if not got["mode unchanged"]:
        raise AssertionError("the model's train/eval mode changed: leave it as given")
    if got["loss type"] != "float":
        raise AssertionError(f"the loss must be a Python float (loss.item()), got a "
                             f"{got['loss type']}")
    if not math.isclose(got["loss"], expected["loss"], rel_tol=1e-5):
        raise AssertionError(f"loss {got['loss']:.6g}, expected {expected['loss']:.6g}: the L2 "
                             "norm of model(image), before the step")
    if got["requires grad"]:
        raise AssertionError("the new image still requires grad: return it detached")
    if got["gained"] <= 0:
        raise AssertionError("the step made the activations' norm smaller: gradient ASCENT "
                             "adds lr * g to the image")
    torch.testing.assert_close(got["image"], expected["image"], rtol=1e-4, atol=1e-5,
                               msg="the new image differs from the reference's: normalise g "
                                   "by g.abs().mean() + 1e-8, add lr * g, clamp to [0, 1]")


def _dream(m, ctx, image, steps, lr):
    model = _model(ctx, F64, seed=1)
    new_image, losses = m.dream(model, image, steps, lr)
    return {"image": new_image.detach(), "losses": losses,
            "weight grads": any(p.grad is not None for p in model.parameters())}


@plain_words
def verify_dream(got, expected):
    losses = got["losses"]
    if not isinstance(losses, list) or not all(type(v) is float for v in losses):
        raise AssertionError("dream must return a list of Python floats as its losses")
    if len(losses) != len(expected["losses"]):
        raise AssertionError(f"expected {len(expected['losses'])} losses (one per step), "
                             f"got {len(losses)}")
    if got["weight grads"]:
        raise AssertionError("the network's parameters got a .grad during dream")
    for i, (a, b) in enumerate(zip(losses, expected["losses"], strict=True)):
        if not math.isclose(a, b, rel_tol=1e-6):
            raise AssertionError(f"step {i}: loss {a:.8g}, expected {b:.8g}"
                                 + (": each step must start from the previous step's image"
                                    if i else ""))
    torch.testing.assert_close(got["image"], expected["image"],
                               msg="the final image differs from the reference's")


def _octaves(m, ctx, image, sizes):
    model = _model(ctx, F64, seed=2)
    return m.dream_octaves(model, image, sizes, 2, 0.02).detach()


def cases(ctx):
    image = ctx.rand(1, 3, 12, 12, seed=1)
    wide = ctx.rand(1, 3, 10, 16, seed=2)
    bright = 0.95 + 0.05 * ctx.rand(1, 3, 8, 8, seed=3)
    image64 = ctx.rand(1, 3, 12, 12, seed=4, dtype=F64)
    big64 = ctx.rand(1, 3, 16, 20, seed=5, dtype=F64)
    return [
        Case("one step, lr 0.01, 12 x 12 image", lambda m: _step(m, ctx, image, 0.01),
             verify="verify_step", inputs=(image,)),
        Case("one step, lr 0.05, 10 x 16 image", lambda m: _step(m, ctx, wide, 0.05),
             verify="verify_step", inputs=(wide,)),
        Case("a bright image and a large step: values stay in [0, 1]",
             lambda m: _step(m, ctx, bright, 0.5), verify="verify_step"),
        Case("one step in float64", lambda m: _step(m, ctx, image64, 0.02, F64),
             verify="verify_step"),
        Case("dream: 5 steps, lr 0.01 (float64)", lambda m: _dream(m, ctx, image64, 5, 0.01),
             verify="verify_dream", inputs=(image64,)),
        Case("dream: 3 steps, lr 0.05 on 16 x 20 (float64)",
             lambda m: _dream(m, ctx, big64, 3, 0.05), verify="verify_dream"),
        Case("dream_octaves: sizes (8, 10), (12, 15), (16, 20); back to 16 x 20",
             lambda m: _octaves(m, ctx, big64, [(8, 10), (12, 15), (16, 20)]),
             inputs=(big64,)),
        Case("dream_octaves: a single smaller size, resized back",
             lambda m: _octaves(m, ctx, image64, [(6, 6)])),
    ]
