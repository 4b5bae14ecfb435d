import math

import torch
from torch import nn

from studykit.grading.kit import Case, plain_words

HEAD = ("fc.weight", "fc.bias")


class Pretrained(nn.Module):
    """A small 'pretrained' image model: conv features, then the output layer fc."""

    def __init__(self, feat=6, classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(),
                                      nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                      nn.Linear(4, feat), nn.ReLU())
        self.fc = nn.Linear(feat, classes)

    def forward(self, x):
        return self.fc(self.features(x))


def _pretrained(ctx, feat=6, seed=0):
    torch.manual_seed(seed)
    return Pretrained(feat).to(ctx.device)


def _with_head(m, ctx, num_classes=3, seed=0):
    """A pretrained model with the learner's new head, given fixed weights."""
    model = _pretrained(ctx, seed=seed)
    m.replace_head(model, num_classes)
    g = torch.Generator().manual_seed(seed + 50)
    with torch.no_grad():
        model.fc.weight.copy_(0.5 * torch.randn(model.fc.weight.shape, generator=g))
        model.fc.bias.copy_(0.1 * torch.randn(model.fc.bias.shape, generator=g))
    return model


def _head(m, ctx):
    model = _pretrained(ctx)
    backbone = {k: v.clone() for k, v in model.state_dict().items() if not k.startswith("fc.")}
    returned = m.replace_head(model, 7)
    return {"same object": returned is model, "is nn.Linear": isinstance(model.fc, nn.Linear),
            "shapes": {k: tuple(v.shape) for k, v in model.state_dict().items()},
            "backbone unchanged": all(torch.equal(model.state_dict()[k], v)
                                      for k, v in backbone.items()),
            "device": model.fc.weight.device.type,
            "output shape": tuple(model(torch.zeros(2, 3, 5, 5, device=ctx.device)).shape)}


def _init(m, ctx):
    model = _pretrained(ctx, feat=256)
    m.replace_head(model, 100)
    w, b = model.fc.weight.detach(), model.fc.bias.detach()
    return {"max": w.abs().max().item(), "std": w.std().item(),
            "bound": math.sqrt(6 / (256 + 100)), "bias max": b.abs().max().item(),
            "bias std": b.std().item()}


@plain_words
def verify_init(got, expected):
    bound = got["bound"]
    if got["max"] > bound * 1.0001:
        raise AssertionError(f"the new weight reaches {got['max']:.4f}, beyond Xavier's bound "
                             f"sqrt(6 / (fan_in + fan_out)) = {bound:.4f}")
    want = bound / math.sqrt(3)
    if not 0.9 * want < got["std"] < 1.1 * want:
        raise AssertionError(f"the new weight's std is {got['std']:.4f}; Xavier uniform gives "
                             f"{want:.4f} for a 256 -> 100 layer: call "
                             "nn.init.xavier_uniform_ on fc.weight")
    if got["bias max"] > 1 / 16 * 1.0001 or got["bias std"] < 0.02:
        raise AssertionError("leave the bias as nn.Linear initialises it (uniform within "
                             "1 / sqrt(fan_in))")


def _freeze(m, ctx):
    model = _with_head(m, ctx)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    returned = m.freeze_backbone(model)
    return {"returned": returned,
            "trainable": [n for n, p in model.named_parameters() if p.requires_grad],
            "values unchanged": all(torch.equal(model.state_dict()[k], v)
                                    for k, v in before.items())}


def _groups(m, ctx, frozen, scale=None):
    model = _with_head(m, ctx)
    for p in frozen(model):
        p.requires_grad_(False)
    opt = (m.make_optimizer(model, 0.01) if scale is None
           else m.make_optimizer(model, 0.01, scale, 0.005))
    names = {id(p): n for n, p in model.named_parameters()}
    settings = {}
    for group in opt.param_groups:
        for p in group["params"]:
            if id(p) not in names:
                raise AssertionError("an optimizer group holds a tensor that is not one of "
                                     "the model's parameters")
            settings.setdefault(names[id(p)], []).append(
                [group["lr"], group["weight_decay"], group.get("momentum", 0.0)])
    return {"class": type(opt).__name__, "settings": settings}


@plain_words
def verify_groups(got, expected):
    if got["class"] != "SGD":
        raise AssertionError(f"make_optimizer returned {got['class']}, expected torch.optim.SGD")
    have, want = got["settings"], expected["settings"]
    twice = sorted(n for n, s in have.items() if len(s) > 1)
    if twice:
        raise AssertionError(f"{twice} are in more than one parameter group")
    extra = sorted(set(have) - set(want))
    if extra:
        raise AssertionError(f"{extra} are frozen (requires_grad=False) but were given to "
                             "the optimizer: leave them out")
    missing = sorted(set(want) - set(have))
    if missing:
        raise AssertionError(f"{missing} are trainable but missing from the optimizer")
    for name in sorted(want):
        (lr, wd, momentum), (want_lr, want_wd, _) = have[name][0], want[name][0]
        if not math.isclose(lr, want_lr):
            part = ("the new output layer: lr * head_lr_scale" if name in HEAD
                    else "a backbone parameter: the base lr")
            raise AssertionError(f"{name} has lr {lr:g}, expected {want_lr:g} ({part})")
        if not math.isclose(wd, want_wd):
            raise AssertionError(f"{name} has weight_decay {wd:g}, expected {want_wd:g}")
        if momentum:
            raise AssertionError(f"{name} has momentum {momentum:g}: use plain SGD")


def _run(m, ctx, X, y, freeze, steps=4, lr=0.05, seed=0):
    model = _with_head(m, ctx, seed=seed)
    losses = m.fine_tune(model, X, y, lr, steps, freeze)
    return {"losses": losses,
            "params": {n: p.detach().clone() for n, p in model.named_parameters()},
            "with grad": sorted(n for n, p in model.named_parameters() if p.grad is not None),
            "device": next(model.parameters()).device.type}


@plain_words
def verify_run(got, expected):
    losses = got["losses"]
    if not isinstance(losses, list) or not all(type(v) is float for v in losses):
        raise AssertionError("fine_tune must return a list of Python floats (loss.item())")
    if len(losses) != len(expected["losses"]):
        raise AssertionError(f"expected {len(expected['losses'])} losses (one per step), got "
                             f"{len(losses)}")
    if got["device"] != expected["device"]:
        raise AssertionError(f"the model moved to {got['device']}; leave it where it is")
    if got["with grad"] != expected["with grad"]:
        raise AssertionError(f"parameters with a gradient after training: {got['with grad']}, "
                             f"expected {expected['with grad']} (a frozen parameter gets none)")
    for i, (a, b) in enumerate(zip(losses, expected["losses"], strict=True)):
        if not math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6):
            why = ("the first loss: F.cross_entropy of model(X) and y, before any update"
                   if i == 0 else "check the learning rates of the two groups, the weight "
                   "decay, and optimizer.zero_grad() at every step")
            raise AssertionError(f"step {i}: loss {a:.6g}, expected {b:.6g} ({why})")
    for name, want in expected["params"].items():
        have = got["params"][name]
        if not torch.allclose(have, want, rtol=1e-4, atol=1e-5):
            frozen = name not in HEAD and name not in expected["with grad"]
            raise AssertionError(f"{name} ended with other values than the reference's"
                                 + (" (it is frozen: it must not move)" if frozen else ""))


def cases(ctx):
    X = ctx.randn(12, 3, 6, 6, seed=1)
    y = ctx.randint(0, 3, (12,), seed=2)
    X2 = ctx.randn(20, 3, 5, 5, seed=3)
    y2 = ctx.randint(0, 3, (20,), seed=4)
    return [
        Case("replace_head: a new 6 -> 7 nn.Linear, same model, backbone unchanged",
             lambda m: _head(m, ctx)),
        Case("replace_head: Xavier-uniform weights (256 -> 100), default bias",
             lambda m: _init(m, ctx), verify="verify_init"),
        Case("freeze_backbone: only fc.weight and fc.bias stay trainable",
             lambda m: _freeze(m, ctx)),
        Case("make_optimizer: backbone at lr 0.01, head at 0.1, weight_decay 0.001",
             lambda m: _groups(m, ctx, lambda model: []), verify="verify_groups"),
        Case("make_optimizer with head_lr_scale 5 and weight_decay 0.005",
             lambda m: _groups(m, ctx, lambda model: [], scale=5.0), verify="verify_groups"),
        Case("make_optimizer with the whole backbone frozen: only the head",
             lambda m: _groups(m, ctx, lambda model: model.features.parameters()),
             verify="verify_groups"),
        Case("make_optimizer with the first conv frozen: the rest of the backbone at lr",
             lambda m: _groups(m, ctx, lambda model: model.features[0].parameters()),
             verify="verify_groups"),
        Case("fine_tune, everything trainable, 4 steps",
             lambda m: _run(m, ctx, X, y, freeze=False), verify="verify_run",
             inputs=(X, y)),
        Case("fine_tune with a frozen backbone, 4 steps: the backbone does not move",
             lambda m: _run(m, ctx, X, y, freeze=True), verify="verify_run"),
        Case("fine_tune, 20 images, 6 steps, lr 0.1",
             lambda m: _run(m, ctx, X2, y2, freeze=False, steps=6, lr=0.1, seed=1),
             verify="verify_run"),
        Case("fine_tune frozen, 20 images, 6 steps, lr 0.1",
             lambda m: _run(m, ctx, X2, y2, freeze=True, steps=6, lr=0.1, seed=1),
             verify="verify_run"),
    ]
