import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _linears(ctx, d, k, n, seed):
    torch.manual_seed(seed)
    return [nn.Linear(d, k).to(ctx.device) for _ in range(n)]


def _manual(m, ctx, x):
    models = _linears(ctx, 5, 4, 3, seed=1)
    out = m.Ensemble(models)(x)
    with torch.no_grad():
        manual = sum(model(x) for model in models) / len(models)
    return {"output": out.detach(), "equals the manual average":
            bool(torch.allclose(out.detach(), manual, rtol=1e-5, atol=1e-6))}


def _fixed_logits(ctx, rows):
    """A model whose logits for the 2 inputs e0, e1 are the given rows (a bias-free linear)."""
    layer = nn.Linear(2, len(rows[0]), bias=False)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(rows).T)
    return layer.to(ctx.device)


def _vote_differs(m, ctx):
    # input 0: two unsure models say class 1, one confident model says class 0;
    #   mean logits [3.33, 0.67] -> 0, majority vote -> 1.
    # input 1: mean logits [1.33, 1.67] -> 1; mean probabilities and the vote -> 0.
    models = [_fixed_logits(ctx, [[0.0, 1.0], [0.0, 5.0]]),
              _fixed_logits(ctx, [[0.0, 1.0], [2.0, 0.0]]),
              _fixed_logits(ctx, [[10.0, 0.0], [2.0, 0.0]])]
    pred = m.Ensemble(models).predict(ctx.to(torch.eye(2)))
    return pred


@plain_words
def verify_predict(got, expected):
    if not isinstance(got, torch.Tensor):
        raise AssertionError("predict must return a tensor of class indices")
    if got.dtype != torch.int64:
        raise AssertionError(f"predict must return int64 class indices, got {got.dtype}")
    if got.tolist() != expected.tolist():
        raise AssertionError(f"predicted {got.tolist()}, expected {expected.tolist()}: average "
                             "the raw logits, then take the argmax (not a majority vote of "
                             "each model's prediction, not an average of probabilities)")


def _predict(m, ctx, x):
    models = _linears(ctx, 5, 4, 3, seed=1)
    log = []
    for model in models:
        model.register_forward_hook(lambda mod, inp, out: log.append(torch.is_grad_enabled()))
    pred = m.Ensemble(models).predict(x)
    return {"pred": pred, "built an autograd graph": any(log)}


def _registered(m, ctx):
    ens = m.Ensemble(_linears(ctx, 5, 4, 3, seed=2))
    return {"parameter count": sum(p.numel() for p in ens.parameters()),
            "state_dict keys": sorted(ens.state_dict())}


def _eval_propagates(m, ctx, x):
    torch.manual_seed(3)
    models = [nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 4))
              .to(ctx.device) for _ in range(2)]
    ens = m.Ensemble(models)
    ens.eval()
    with torch.no_grad():
        return ens(x)


def _moves(m, ctx):
    ens = m.Ensemble([nn.Linear(3, 2), nn.Linear(3, 2)]).double()
    return sorted({str(p.dtype) for p in ens.parameters()})


def cases(ctx):
    x = ctx.randn(6, 5, seed=10)
    return [
        Case("forward equals the manual mean of 3 models' logits",
             lambda m: _manual(m, ctx, x), rtol=1e-5, atol=1e-6),
        Case("predict: argmax of averaged logits (differs from a vote)",
             lambda m: _vote_differs(m, ctx), verify=verify_predict),
        Case("predict: int64 indices without an autograd graph",
             lambda m: _predict(m, ctx, x),),
        Case("an ensemble of one model is that model",
             lambda m: m.Ensemble(_linears(ctx, 5, 4, 1, seed=4))(x), rtol=1e-6, atol=1e-6),
        Case("the sub-models' parameters are registered (ModuleList)",
             lambda m: _registered(m, ctx)),
        Case(".eval() reaches the sub-models (dropout off, deterministic)",
             lambda m: _eval_propagates(m, ctx, x), rtol=1e-5, atol=1e-6),
        Case(".double() converts every sub-model", lambda m: _moves(m, ctx)),
    ]
