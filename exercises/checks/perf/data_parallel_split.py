import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _split(m, ctx, n, k):
    X = torch.arange(n * 2, dtype=torch.float32).reshape(n, 2).to(ctx.device)
    y = (torch.arange(n) * 10).to(ctx.device)
    shards = m.split_batch(X, y, k)
    return {"count": len(shards), "X": [s[0] for s in shards], "y": [s[1] for s in shards]}


def _mlp(ctx, batch_norm=False):
    torch.manual_seed(4)
    layers = [nn.Linear(3, 8)] + ([nn.BatchNorm1d(8)] if batch_norm else []) + \
             [nn.Tanh(), nn.Linear(8, 2)]
    return nn.Sequential(*layers).double().to(ctx.device)


def _full_batch(model, X, y):
    model.zero_grad()
    nn.MSELoss()(model(X), y).backward()
    grads = [p.grad.clone() for p in model.parameters()]
    model.zero_grad(set_to_none=True)
    return grads


def _dp(m, ctx, X, y, k, batch_norm=False):
    model = _mlp(ctx, batch_norm)
    before = [p.detach().clone() for p in model.parameters()]
    full = _full_batch(model, X, y)
    grads = m.data_parallel_grads(model, X, y, k, nn.MSELoss())
    return {"yours": list(grads), "one device, whole batch": full,
            "model untouched": all(torch.equal(p.detach(), b)
                                   for p, b in zip(model.parameters(), before, strict=True))
            and all(p.grad is None for p in model.parameters())}


@plain_words
def verify_dp(got, expected):
    if not got["model untouched"]:
        raise AssertionError("the model itself changed or got a .grad: do the work on "
                             "copies (copy.deepcopy(model)), one per shard")
    yours, want = got["yours"], expected["yours"]
    if len(yours) != len(want):
        raise AssertionError(f"expected {len(want)} gradients (one per parameter), got "
                             f"{len(yours)}")
    for i, (a, b) in enumerate(zip(yours, want, strict=True)):
        if a.shape != b.shape:
            raise AssertionError(f"gradient {i} has shape {tuple(a.shape)}, expected "
                                 f"{tuple(b.shape)}")
        if not torch.allclose(a, b, rtol=1e-9, atol=1e-12):
            full = got["one device, whole batch"][i]
            same_as_full = torch.allclose(a, full, rtol=1e-9, atol=1e-12)
            why = ("yours equals the whole-batch gradient, but with BatchNorm each replica "
                   "normalises with its own shard: compute every shard on its own replica"
                   if same_as_full else "weight each shard's gradient by n_i / N (its "
                   "loss is a mean over its own shard)")
            raise AssertionError(f"gradient {i} differs from the expected all-reduced "
                                 f"gradient by up to {(a - b).abs().max().item():.3g}: {why}")


@plain_words
def verify_equals_full(got, expected):
    """Without batch-coupled layers the all-reduced gradient IS the whole-batch one."""
    verify_dp(got, expected)
    for i, (a, b) in enumerate(zip(got["yours"], got["one device, whole batch"],
                                   strict=True)):
        if not torch.allclose(a, b, rtol=1e-9, atol=1e-12):
            raise AssertionError(f"gradient {i} differs from the single-device gradient")


def _replicas(m, ctx, X, y):
    model = _mlp(ctx)
    shards = m.split_batch(X, y, 3)
    per_replica = m.replica_gradients(model, shards, nn.MSELoss())
    return {"replicas": len(per_replica), "gradients": [list(g) for g in per_replica],
            "model has no .grad": all(p.grad is None for p in model.parameters())}


@plain_words
def verify_replicas(got, expected):
    if not got["model has no .grad"]:
        raise AssertionError("the model itself got a .grad: back-propagate through a copy "
                             "of it (copy.deepcopy) for every shard")
    if got["replicas"] != expected["replicas"]:
        raise AssertionError(f"expected {expected['replicas']} gradient lists (one per "
                             f"shard), got {got['replicas']}")
    for r, (grads, want) in enumerate(zip(got["gradients"], expected["gradients"],
                                          strict=True)):
        if len(grads) != len(want):
            raise AssertionError(f"replica {r}: {len(grads)} gradients, expected {len(want)}")
        for i, (a, b) in enumerate(zip(grads, want, strict=True)):
            if a.shape != b.shape or not torch.allclose(a, b, rtol=1e-9, atol=1e-12):
                raise AssertionError(f"replica {r}, parameter {i}: the gradient differs from "
                                     "the gradient of loss_fn on that shard alone")


def _reduce(m, ctx):
    g = [[ctx.tensor([1.0, 2.0]), ctx.tensor([[3.0]])],
         [ctx.tensor([4.0, 8.0]), ctx.tensor([[0.0]])],
         [ctx.tensor([-2.0, 2.0]), ctx.tensor([[6.0]])]]
    return {"equal sizes": m.all_reduce_mean(g, [2, 2, 2]),
            "sizes 4, 3, 3": m.all_reduce_mean(g, [4, 3, 3])}


def cases(ctx):
    X = ctx.randn(10, 3, seed=1, dtype=torch.float64)
    y = ctx.randn(10, 2, seed=2, dtype=torch.float64)
    X9, y9 = X[:9], y[:9]
    return [
        Case("split_batch: N = 10 into k = 3 (sizes 4, 3, 3)", lambda m: _split(m, ctx, 10, 3)),
        Case("split_batch: N = 9 into k = 4 (sizes 3, 2, 2, 2)", lambda m: _split(m, ctx, 9, 4)),
        Case("split_batch: k = N and k = 1",
             lambda m: [_split(m, ctx, 4, 4), _split(m, ctx, 5, 1)]),
        Case("replica_gradients: one gradient list per shard, the model untouched",
             lambda m: _replicas(m, ctx, X, y), verify="verify_replicas", inputs=(X, y)),
        Case("all_reduce_mean: equal and unequal shard sizes", lambda m: _reduce(m, ctx)),
        Case("data_parallel_grads with k = 2 equals the whole-batch gradient",
             lambda m: _dp(m, ctx, X, y, 2), verify="verify_equals_full", inputs=(X, y)),
        Case("... with uneven shards: N = 10, k = 3", lambda m: _dp(m, ctx, X, y, 3),
             verify="verify_equals_full"),
        Case("... N = 9, k = 4", lambda m: _dp(m, ctx, X9, y9, 4), verify="verify_equals_full"),
        Case("with BatchNorm each replica normalises its own shard (k = 2)",
             lambda m: _dp(m, ctx, X, y, 2, batch_norm=True), verify="verify_dp"),
    ]
