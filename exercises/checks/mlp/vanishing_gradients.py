import math

import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _stack(ctx, depth, width, act, seed, kaiming=False, dtype=torch.float64):
    torch.manual_seed(seed)
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), act()]
    model = nn.Sequential(*layers).to(dtype)
    if kaiming:
        for layer in model:
            if isinstance(layer, nn.Linear):
                nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
                nn.init.zeros_(layer.bias)
    return model.to(ctx.device)


def _nested(ctx):
    torch.manual_seed(7)
    model = nn.Sequential(nn.Linear(6, 8), nn.LayerNorm(8), nn.Tanh(),
                          nn.Sequential(nn.Linear(8, 8), nn.Sigmoid(), nn.Linear(8, 5)),
                          nn.ReLU(), nn.Linear(5, 1))
    return model.double().to(ctx.device)


def _with_stale_grads(model):
    for p in model.parameters():
        p.grad = torch.full_like(p, 3.0)
    return model


def _hooks(model):
    return sum(len(mod._forward_pre_hooks) + len(mod._forward_hooks) + len(mod._backward_hooks)
               for mod in model.modules())


def _runs_afterwards(model, x):
    """The model still runs as before on a plain input, without autograd (hooks left
    behind that call retain_grad() fail here)."""
    try:
        with torch.no_grad():
            model(x)
    except RuntimeError as exc:
        return f"{exc}".splitlines()[0][:120]
    return "runs"


def _run(m, model, x, name):
    before = [p.detach().clone() for p in model.parameters()]
    hooks = _hooks(model)
    norms = getattr(m, name)(model, x)
    changed = any(not torch.equal(p.detach(), b) for p, b in zip(model.parameters(), before,
                                                                  strict=True))
    return {"norms": norms, "parameters changed": changed,
            "x requires grad afterwards": x.requires_grad,
            "hooks left on the model": _hooks(model) - hooks,
            "the model afterwards": _runs_afterwards(model, x)}


@plain_words
def verify_norms(got, expected):
    norms, want = got["norms"], expected["norms"]
    if not isinstance(norms, list):
        raise AssertionError(f"return a list of floats, got {type(norms).__name__}")
    if len(norms) != len(want):
        raise AssertionError(f"expected {len(want)} norms (one per nn.Linear), got {len(norms)}")
    for i, v in enumerate(norms):
        if type(v) is not float:
            kind = "a tensor" if isinstance(v, dict) else type(v).__name__
            raise AssertionError(f"item {i} is {kind}, not a Python float: use .item()")
    for i, (a, b) in enumerate(zip(norms, want, strict=True)):
        if not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12):
            raise AssertionError(f"layer {i}: norm {a:.6g}, expected {b:.6g} (all yours: "
                                 f"{[f'{v:.3g}' for v in norms]}, expected "
                                 f"{[f'{v:.3g}' for v in want]})")
    if got["parameters changed"]:
        raise AssertionError("the parameters changed: measure the gradients, take no step")
    if got["x requires grad afterwards"]:
        raise AssertionError("x now requires grad: work on a copy of x")
    if got["hooks left on the model"]:
        raise AssertionError(f"{got['hooks left on the model']} hook(s) are still registered "
                             "on the model's layers afterwards: remove every hook you added "
                             "(handle.remove(), in a finally block)")
    if got["the model afterwards"] != "runs":
        raise AssertionError("afterwards the model no longer runs on a plain input under "
                             f"torch.no_grad() ({got['the model afterwards']}): leave the "
                             "model as you found it")


def _contrast(m, ctx, x):
    sig = _stack(ctx, 10, 32, nn.Sigmoid, seed=1)
    relu = _stack(ctx, 10, 32, nn.ReLU, seed=1, kaiming=True)
    return {"sigmoid": m.gradient_ratio(m.weight_grad_norms(sig, x)),
            "relu": m.gradient_ratio(m.weight_grad_norms(relu, x))}


@plain_words
def verify_contrast(got, expected):
    for key in ("sigmoid", "relu"):
        if not math.isclose(float(got[key]), expected[key], rel_tol=1e-6):
            raise AssertionError(f"{key} stack: first/last ratio {float(got[key]):.4g}, "
                                 f"expected {expected[key]:.4g}")
    if not got["sigmoid"] < 1e-3 < 0.1 < got["relu"]:
        raise AssertionError("the sigmoid stack should show a vanishing ratio and the ReLU "
                             "stack should not")


def cases(ctx):
    x = ctx.randn(16, 32, seed=2, dtype=torch.float64)
    x6 = ctx.randn(4, 6, seed=3, dtype=torch.float64)
    x32 = ctx.randn(8, 16, seed=4)
    return [
        Case("weight norms: 10-layer sigmoid stack (width 32)",
             lambda m: _run(m, _stack(ctx, 10, 32, nn.Sigmoid, seed=1), x, "weight_grad_norms"),
             verify="verify_norms", inputs=(x,)),
        Case("weight norms: 10-layer ReLU stack with Kaiming init",
             lambda m: _run(m, _stack(ctx, 10, 32, nn.ReLU, seed=1, kaiming=True), x,
                            "weight_grad_norms"), verify="verify_norms"),
        Case("weight norms ignore gradients left in .grad from before",
             lambda m: _run(m, _with_stale_grads(_stack(ctx, 4, 32, nn.Tanh, seed=5)), x,
                            "weight_grad_norms"), verify="verify_norms"),
        Case("weight norms: only nn.Linear weights (no biases, no LayerNorm), nested blocks too",
             lambda m: _run(m, _nested(ctx), x6, "weight_grad_norms"), verify="verify_norms"),
        Case("weight norms: a float32 stack of 5 layers",
             lambda m: _run(m, _stack(ctx, 5, 16, nn.Sigmoid, seed=6, dtype=torch.float32),
                            x32, "weight_grad_norms"), verify="verify_norms"),
        Case("activation norms: 10-layer sigmoid stack (first is d loss / d x)",
             lambda m: _run(m, _stack(ctx, 10, 32, nn.Sigmoid, seed=1), x,
                            "activation_grad_norms"), verify="verify_norms", inputs=(x,)),
        Case("activation norms: ReLU stack with Kaiming init",
             lambda m: _run(m, _stack(ctx, 10, 32, nn.ReLU, seed=8, kaiming=True), x,
                            "activation_grad_norms"), verify="verify_norms"),
        Case("activation norms: nested blocks with LayerNorm",
             lambda m: _run(m, _nested(ctx), x6, "activation_grad_norms"),
             verify="verify_norms"),
        Case("gradient_ratio([8.0, 4.0, 2.0])", lambda m: m.gradient_ratio([8.0, 4.0, 2.0])),
        Case("gradient_ratio of one layer", lambda m: m.gradient_ratio([0.5])),
        Case("sigmoid vanishes, ReLU with Kaiming init does not", lambda m: _contrast(m, ctx, x),
             verify="verify_contrast"),
    ]
