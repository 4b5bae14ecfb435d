import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _model(ctx):
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 5)).to(ctx.device)


def _dtypes(m):
    out = {}
    for device_type in ("cpu", "cuda"):
        dtype = m.autocast_dtype(device_type)
        if not isinstance(dtype, torch.dtype):
            raise AssertionError(f"autocast_dtype({device_type!r}) returned "
                                 f"{type(dtype).__name__} {dtype!r}; return a torch.dtype")
        out[device_type] = dtype
    return out


def _forward(m, ctx, x):
    model = _model(ctx)
    with torch.no_grad():
        full = model(x)
    out = m.mixed_forward(model, x)
    return {"output dtype": out.dtype, "output": out.detach().float(),
            "float32 output": full,
            "parameter dtypes": sorted({str(p.dtype) for p in model.parameters()}),
            "autocast still on": torch.is_autocast_enabled(x.device.type)}


@plain_words
def verify_forward(got, expected):
    if got["parameter dtypes"] != ["torch.float32"]:
        raise AssertionError(f"the model's parameters are now {got['parameter dtypes']}: "
                             "autocast leaves them float32 (no model.half() or .to(dtype))")
    if got["autocast still on"]:
        raise AssertionError("autocast is still enabled after mixed_forward: use it as a "
                             "`with` block")
    if got["output dtype"] != expected["output dtype"]:
        raise AssertionError(f"the output is {got['output dtype']}, expected "
                             f"{expected['output dtype']}: run the model inside "
                             "torch.autocast(device_type=x.device.type, dtype=...)")
    y, full = got["output"], got["float32 output"]
    if not torch.allclose(y, expected["output"], rtol=2e-2, atol=2e-2):
        raise AssertionError("the mixed-precision output differs from the reference's")
    if not torch.allclose(y, full, rtol=5e-2, atol=5e-2):
        raise AssertionError("the output is far from the float32 forward pass")


def _loss(m, ctx, x, y):
    model = _model(ctx)
    loss = m.mixed_loss(model, x, y)
    if not isinstance(loss, torch.Tensor):
        raise AssertionError(f"mixed_loss returned {type(loss).__name__}; return the loss "
                             "tensor (not .item()) so it can be back-propagated")
    loss.backward()
    grads = [p.grad for p in model.parameters()]
    return {"dtype": loss.dtype, "shape": tuple(loss.shape), "value": loss.detach().float(),
            "gradient dtypes": sorted({str(g.dtype) for g in grads if g is not None}),
            "parameters with a gradient": sum(g is not None for g in grads)}


@plain_words
def verify_loss(got, expected):
    if got["dtype"] != "torch.float32":
        raise AssertionError(f"the loss is {got['dtype']}: compute the cross-entropy on "
                             "logits.float(), outside the autocast region")
    if got["shape"] != ():
        raise AssertionError(f"the loss has shape {got['shape']}; return the mean (a 0-d "
                             "tensor)")
    if got["parameters with a gradient"] != expected["parameters with a gradient"] or \
            got["gradient dtypes"] != ["torch.float32"]:
        raise AssertionError(f"after backward the parameters' gradients are "
                             f"{got['gradient dtypes']}; expected float32 gradients on every "
                             "parameter")
    if not torch.allclose(got["value"], expected["value"], rtol=2e-2, atol=2e-2):
        raise AssertionError(f"loss {got['value'].item():.4f}, expected about "
                             f"{expected['value'].item():.4f}")


def cases(ctx):
    x = ctx.randn(8, 16, seed=1)
    y = ctx.randint(0, 5, (8,), seed=2)
    a = ctx.randn(6, 4, seed=3)
    b = ctx.randn(4, 3, seed=4)
    return [
        Case("autocast_dtype for 'cpu' and 'cuda'", _dtypes),
        Case(f"mixed_forward on {ctx.device.type}: low-precision logits, float32 weights",
             lambda m: _forward(m, ctx, x), verify="verify_forward", inputs=(x,)),
        Case("mixed_loss: a float32 cross-entropy with float32 gradients",
             lambda m: _loss(m, ctx, x, y), verify="verify_loss", inputs=(x, y)),
        Case(f"op_dtypes on {ctx.device.type}: which ops autocast runs in low precision",
             lambda m: m.op_dtypes(a, b), inputs=(a, b)),
    ]
