import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _pick(m, available):
    """pick_device with torch.cuda.is_available() (and device_count) patched."""
    saved = torch.cuda.is_available, torch.cuda.device_count
    if available is not None:
        torch.cuda.is_available = lambda: available
        torch.cuda.device_count = lambda: 1 if available else 0
    try:
        device = m.pick_device()
    finally:
        torch.cuda.is_available, torch.cuda.device_count = saved
    return {"type": type(device).__name__, "device": str(device)}


@plain_words
def verify_pick(got, expected):
    if got["type"] != "device":
        raise AssertionError(f"pick_device returned a {got['type']} ({got['device']!r}); "
                             "return a torch.device")
    if got["device"] != expected["device"]:
        raise AssertionError(f"pick_device returned {got['device']!r}, expected "
                             f"{expected['device']!r}: ask torch.cuda.is_available() each "
                             "time it is called")


def _shape(value):
    """The structure of a batch: containers by type, tensors by device, dtype, shape."""
    if isinstance(value, torch.Tensor):
        return f"tensor({value.device.type}, {str(value.dtype)[6:]}, {tuple(value.shape)})"
    if isinstance(value, dict):
        return {"dict": {k: _shape(v) for k, v in value.items()}}
    if isinstance(value, (tuple, list)):
        return {type(value).__name__: [_shape(v) for v in value]}
    return repr(value)


def _batch(ctx):
    X = ctx.randn(4, 3, seed=1)
    lengths = torch.tensor([3, 2, 3, 1])
    return {"inputs": (X, [lengths, torch.zeros(2, dtype=torch.bool)]), "ids": ["a", "b"],
            "label": torch.arange(4), "weight": 0.5, "mask": None}


def _move(m, ctx, device):
    batch = _batch(ctx)
    before = _shape(batch)
    moved = m.to_device(batch, device)
    return {"moved": _shape(moved), "the given batch unchanged": _shape(batch) == before}


def _same_object(m, ctx):
    x = ctx.randn(3, seed=2)
    items = [x, (x,)]
    moved = m.to_device(items, ctx.device)
    return {"tensor": m.to_device(x, ctx.device) is x, "inside a list and a tuple":
            moved[0] is x and moved[1][0] is x, "values": moved[0]}


def _model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5),
                         nn.Linear(8, 2))


def _predict(m, ctx, X, device):
    model = _model()
    model.train()
    out = m.predict(model, X, device)
    param = next(model.parameters())
    return {"output": _shape(out), "parameters on": param.device.type,
            "model in training mode": model.training,
            "output requires grad": out.requires_grad, "values": out}


def _predict_meta(m, X):
    """On the "meta" device (shapes, no data) the model must move too, or model(X) fails."""
    model = _model()
    out = m.predict(model, X, "meta")
    return {"output": _shape(out), "parameters on": next(model.parameters()).device.type,
            "model in training mode": model.training}


def cases(ctx):
    X = ctx.randn(6, 5, seed=3).cpu()
    return [
        Case("pick_device on this machine", lambda m: _pick(m, None), verify="verify_pick"),
        Case("pick_device when CUDA is available", lambda m: _pick(m, True),
             verify="verify_pick"),
        Case("pick_device when CUDA is not available", lambda m: _pick(m, False),
             verify="verify_pick"),
        Case("to_device moves a nested batch to 'meta' and keeps its containers",
             lambda m: _move(m, ctx, "meta")),
        Case("to_device to torch.device('meta')",
             lambda m: _move(m, ctx, torch.device("meta"))),
        Case(f"to_device to this machine's device ({ctx.device.type})",
             lambda m: _move(m, ctx, ctx.device)),
        Case("a tensor already on the device comes back as the same object",
             lambda m: _same_object(m, ctx)),
        Case(f"predict on {ctx.device.type}: eval mode, no graph, output on the device",
             lambda m: _predict(m, ctx, X, ctx.device), inputs=(X,)),
        Case("predict on 'meta': the model moves there too", lambda m: _predict_meta(m, X)),
    ]
