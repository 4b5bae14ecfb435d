import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(8, 16), nn.LayerNorm(16), nn.ReLU(),
                                      nn.Linear(16, 16, bias=False), nn.BatchNorm1d(16),
                                      nn.ReLU())
        self.head = nn.Sequential(nn.Linear(16, 4), nn.PReLU(4))

    def forward(self, x):
        return self.head(self.backbone(x))


def _net(ctx):
    torch.manual_seed(0)
    return Net().to(ctx.device)


def _names(model, params, what):
    names = {id(p): n for n, p in model.named_parameters()}
    out = []
    for p in params:
        if id(p) not in names:
            raise AssertionError(f"{what} holds a tensor that is not one of the module's "
                                 "parameters")
        out.append(names[id(p)])
    return out


def _split(m, module):
    result = m.decay_split(module)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise AssertionError("decay_split must return (decay, no_decay)")
    return {"decay": _names(module, result[0], "decay"),
            "no_decay": _names(module, result[1], "no_decay")}


@plain_words
def verify_split(got, expected):
    for key in ("decay", "no_decay"):
        if got[key] != expected[key]:
            raise AssertionError(f"{key} holds {got[key]}, expected {expected[key]} (trainable "
                                 "parameters only; p.ndim >= 2 decays; in named_parameters "
                                 "order)")


def _split_with_frozen(m, ctx):
    net = _net(ctx)
    net.backbone[0].bias.requires_grad_(False)
    net.backbone[3].weight.requires_grad_(False)
    return _split(m, net.backbone)


def _freeze(m, ctx):
    net = _net(ctx)
    before = [p.detach().clone() for p in net.parameters()]
    result = m.freeze(net.backbone)
    return {"returned": result,
            "backbone trainable": [n for n, p in net.backbone.named_parameters() if p.requires_grad],
            "head trainable": [n for n, p in net.head.named_parameters() if p.requires_grad],
            "values unchanged": all(torch.equal(p.detach(), b)
                                    for p, b in zip(net.parameters(), before, strict=True))}


def _groups(m, ctx, frozen_backbone):
    net = _net(ctx)
    if frozen_backbone:
        for p in net.backbone.parameters():
            p.requires_grad_(False)
    opt = m.build_optimizer(net, 1e-4, 1e-2, 0.05)
    settings = {}
    for group in opt.param_groups:
        for name in _names(net, group["params"], "a param group"):
            settings.setdefault(name, []).append((group["lr"], group["weight_decay"]))
    return {"class": type(opt).__name__, "settings": settings,
            "betas": opt.defaults.get("betas"), "eps": opt.defaults.get("eps")}


@plain_words
def verify_groups(got, expected):
    if got["class"] != "AdamW":
        raise AssertionError(f"build_optimizer returned {got['class']}, expected AdamW")
    have, want = got["settings"], expected["settings"]
    twice = sorted(n for n, s in have.items() if len(s) > 1)
    if twice:
        raise AssertionError(f"{twice} appear in more than one param group")
    extra = sorted(set(have) - set(want))
    if extra:
        raise AssertionError(f"{extra} should not be in the optimizer (frozen parameters "
                             "stay out)")
    missing = sorted(set(want) - set(have))
    if missing:
        raise AssertionError(f"{missing} are missing from the optimizer")
    for name in want:
        (lr, wd), (want_lr, want_wd) = have[name][0], want[name][0]
        if lr != want_lr:
            raise AssertionError(f"{name} has lr {lr}, expected {want_lr}")
        if wd != want_wd:
            kind = "a 1-D parameter: no decay" if want_wd == 0 else "a weight matrix: decay"
            raise AssertionError(f"{name} has weight_decay {wd}, expected {want_wd} ({kind})")
    if (got["betas"], got["eps"]) != (expected["betas"], expected["eps"]):
        raise AssertionError("keep AdamW's other settings at their defaults")


def _train(m, ctx, X, y, frozen_backbone):
    net = _net(ctx)
    if frozen_backbone:
        m.freeze(net.backbone)
    opt = m.build_optimizer(net, 1e-3, 5e-2, 0.1)
    for _ in range(3):
        opt.zero_grad()
        nn.functional.cross_entropy(net(X), y).backward()
        opt.step()
    return {n: p.detach().clone() for n, p in net.named_parameters()}


def cases(ctx):
    X = ctx.randn(10, 8, seed=1)
    y = ctx.randint(0, 4, (10,), seed=2)
    return [
        Case("decay_split of the backbone: weight matrices vs biases and norm scales",
             lambda m: _split(m, _net(ctx).backbone), verify="verify_split"),
        Case("decay_split of the head (Linear + PReLU: PReLU's 1-D weight does not decay)",
             lambda m: _split(m, _net(ctx).head), verify="verify_split"),
        Case("decay_split leaves out frozen parameters", lambda m: _split_with_frozen(m, ctx),
             verify="verify_split"),
        Case("freeze(model.backbone): nothing in it trains, the head still does",
             lambda m: _freeze(m, ctx)),
        Case("build_optimizer: each parameter's lr and weight_decay",
             lambda m: _groups(m, ctx, frozen_backbone=False), verify="verify_groups"),
        Case("build_optimizer with a frozen backbone: only the head is optimised",
             lambda m: _groups(m, ctx, frozen_backbone=True), verify="verify_groups"),
        Case("3 AdamW steps with every part trainable",
             lambda m: _train(m, ctx, X, y, frozen_backbone=False), rtol=1e-5, atol=1e-6),
        Case("3 AdamW steps with a frozen backbone: it does not move",
             lambda m: _train(m, ctx, X, y, frozen_backbone=True), rtol=1e-5, atol=1e-6),
    ]
