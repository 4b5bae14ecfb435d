import math

import torch
from torch import nn

from studykit.grading.kit import Case


def _stats(layer, gain=1.0):
    """Plain summaries of a Linear's weights after initialisation, for verify_uniform."""
    w = layer.weight.detach().double()
    bound = gain * math.sqrt(6.0 / (layer.in_features + layer.out_features))
    bias = layer.bias
    return {
        "bound": bound,
        "count": w.numel(),
        "max_abs": float(w.abs().max()),
        "mean": float(w.mean()),
        "var": float(w.var()),
        "inside_half": float((w.abs() < bound / 2).double().mean()),
        "bias_abs_max": None if bias is None else float(bias.detach().abs().max()),
    }


def verify_uniform(got, expected):
    layers = {"the layer": got} if "bound" in got else got
    for where, stats in layers.items():
        _check(stats, where)


def _check(s, where):
    a, n = s["bound"], s["count"]
    if s["max_abs"] > a * (1 + 1e-6):
        raise AssertionError(f"{where}: a weight of size {s['max_abs']:.4g} lies outside "
                             f"±bound = ±{a:.4g}")
    if s["max_abs"] < 0.98 * a:
        raise AssertionError(f"{where}: no weight comes near ±{a:.4g} (largest "
                             f"{s['max_abs']:.4g}); draw from the whole range U(-a, a)")
    # Generous statistical bands (> 6 standard deviations for the layer sizes used).
    var_ratio = s["var"] / (a * a / 3)
    if abs(var_ratio - 1) > 6.5 * math.sqrt(0.8 / n) + 1e-3:
        raise AssertionError(f"{where}: the weights' variance is {var_ratio:.3f} times a²/3, "
                             "the variance of U(-a, a)")
    if abs(s["mean"]) > 6.5 * a / math.sqrt(3 * n):
        raise AssertionError(f"{where}: the weights' mean is {s['mean']:.4g}, expected about 0")
    if abs(s["inside_half"] - 0.5) > 6.5 * math.sqrt(0.25 / n):
        raise AssertionError(f"{where}: {s['inside_half']:.1%} of the weights lie inside "
                             "±a/2; a uniform draw puts about 50% there")
    if s["bias_abs_max"] not in (None, 0.0):
        raise AssertionError(f"{where}: the bias is not all zeros")


def _single(m, fan_in, fan_out, gain=1.0, bias=True):
    layer = nn.Linear(fan_in, fan_out, bias=bias)
    result = m.init_xavier(layer) if gain == 1.0 else m.init_xavier(layer, gain=gain)
    if result is not None and result is not layer:
        raise AssertionError("init_xavier should return None")
    return _stats(layer, gain)


def _applied(m):
    net = nn.Sequential(nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 256), nn.LayerNorm(256))
    net.apply(m.init_xavier)
    return {"layer 0 (128->64)": _stats(net[0]), "layer 2 (64->256)": _stats(net[2])}


def _other_modules_untouched(m):
    torch.manual_seed(0)
    net = nn.Sequential(nn.Embedding(10, 6), nn.Linear(6, 6), nn.LayerNorm(6), nn.Conv2d(2, 3, 3))
    with torch.no_grad():
        net[2].weight.fill_(1.5)
        net[2].bias.fill_(-0.5)
    before = {name: p.detach().clone() for name, p in net.named_parameters()}
    net.apply(m.init_xavier)
    return {f"{name} unchanged": bool(torch.equal(p.detach(), before[name]))
            for name, p in net.named_parameters() if not name.startswith("1.")}


def _in_place(m):
    torch.manual_seed(0)
    layer = nn.Linear(30, 20)
    weight, bias = layer.weight, layer.bias
    ptr = weight.data_ptr()
    m.init_xavier(layer)
    return {"same weight Parameter": layer.weight is weight and layer.weight.data_ptr() == ptr,
            "same bias Parameter": layer.bias is bias,
            "still a Parameter": isinstance(layer.weight, nn.Parameter),
            "requires grad": layer.weight.requires_grad,
            "no autograd history": layer.weight.grad_fn is None}


def cases(ctx):
    relu_gain = nn.init.calculate_gain("relu")
    return [
        Case("xavier_bound(256, 128)", lambda m: m.xavier_bound(256, 128)),
        Case("xavier_bound(1, 1)", lambda m: m.xavier_bound(1, 1)),
        Case("xavier_bound(784, 10, gain=2.0)", lambda m: m.xavier_bound(784, 10, gain=2.0)),
        Case("xavier_bound with the ReLU gain sqrt(2)",
             lambda m: m.xavier_bound(300, 100, gain=relu_gain)),
        Case("Linear(200, 100): uniform in ±bound, bias zero",
             lambda m: _single(m, 200, 100), verify=verify_uniform),
        Case("Linear(120, 240) with gain=2", lambda m: _single(m, 120, 240, gain=2.0),
             verify=verify_uniform),
        Case("Linear(100, 150) without bias", lambda m: _single(m, 100, 150, bias=False),
             verify=verify_uniform),
        Case("net.apply(init_xavier): each Linear gets its own bound", _applied,
             verify=verify_uniform),
        Case("net.apply leaves Embedding, LayerNorm and Conv2d alone", _other_modules_untouched),
        Case("the same Parameters are filled in place", _in_place),
    ]
