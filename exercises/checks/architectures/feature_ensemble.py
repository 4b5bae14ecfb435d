import torch
from torch import nn

from studykit.grading.kit import Case, load_named_weights

DIMS = (3, 5, 2)


def _backbones(ctx, d_in=4, dims=DIMS):
    return [nn.Sequential(nn.Linear(d_in, d), nn.Tanh()).to(ctx.device) for d in dims]


def _spec(d_in, dims, k):
    spec = []
    for i, d in enumerate(dims):
        spec += [(f"backbones.{i}.0.weight", (d, d_in)), (f"backbones.{i}.0.bias", (d,))]
    return spec + [("head.weight", (k, sum(dims))), ("head.bias", (k,))]


def _loaded(m, ctx, d_in=4, dims=DIMS, k=3):
    ens = m.FeatureEnsemble(_backbones(ctx, d_in, dims), list(dims), k)
    return load_named_weights(ens, _spec(d_in, dims, k), ctx, 60, scale=0.5)


def _order(m, ctx, x):
    """Only backbone 1's features get a non-zero head weight: the output is their sum."""
    ens = _loaded(m, ctx)
    with torch.no_grad():
        ens.head.weight.zero_()
        ens.head.bias.zero_()
        ens.head.weight[:, DIMS[0]:DIMS[0] + DIMS[1]] = 1.0
        out = ens(x)
        want = ens.backbones[1](x).sum(dim=1, keepdim=True).expand_as(out)
    return bool(torch.allclose(out, want, atol=1e-5))


def verify_order(got, expected):
    if not got:
        raise AssertionError("head columns 3..7 should see backbone 1's features: concatenate "
                             "the features along dim 1 in the order of the backbones")


def _frozen(m, ctx, x):
    ens = _loaded(m, ctx)
    ens.freeze_backbones()
    before = [p.detach().clone() for p in ens.parameters()]
    out = ens(x)
    if out.requires_grad:
        out.pow(2).mean().backward()
    with torch.no_grad():  # what an SGD step does: parameters without a gradient are skipped
        for p in ens.parameters():
            if p.grad is not None:
                p -= 0.1 * p.grad
    changed = [not torch.equal(a, b.detach()) for a, b in zip(before, ens.parameters(),
                                                              strict=True)]
    return {"trainable": sorted(n for n, p in ens.named_parameters() if p.requires_grad),
            "changed": sorted(n for (n, _), c in zip(ens.named_parameters(), changed,
                                                     strict=True) if c)}


def cases(ctx):
    x = ctx.randn(5, 4, seed=1)
    return [
        Case("output shape (5, 3) for 3 backbones of 3 + 5 + 2 features",
             lambda m: tuple(m.FeatureEnsemble(_backbones(ctx), list(DIMS), 3)(x).shape)),
        Case("parameter names and head shape", lambda m: sorted(
            (k, tuple(v.shape)) for k, v in
            m.FeatureEnsemble(_backbones(ctx), list(DIMS), 3).state_dict().items())),
        Case("forward with given weights", lambda m: _loaded(m, ctx)(x),
             rtol=1e-5, atol=1e-6),
        Case("features are concatenated in backbone order", lambda m: _order(m, ctx, x),
             verify=verify_order),
        Case("a single backbone", lambda m: _loaded(m, ctx, 4, (6,), 2)(x), rtol=1e-5,
             atol=1e-6),
        Case("freeze_backbones: only the head is trainable and changes in a step",
             lambda m: _frozen(m, ctx, x)),
    ]
