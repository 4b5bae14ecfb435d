import torch
from torch.nn import functional as F

from studykit.grading.kit import Case, plain_words

FORMULA = ("divide Q K^T by sqrt(d) (d = the queries' last dim), take the softmax over the "
           "keys (the last dim), then multiply by the values")


def _attend(m, q, k, v):
    output, weights = m.scaled_dot_product_attention(q, k, v)
    return {"output": output, "weights": weights}


def _vs_torch(m, q, k, v):
    output, _ = m.scaled_dot_product_attention(q, k, v)
    return {"yours": output, "torch": F.scaled_dot_product_attention(q, k, v)}


@plain_words
def verify_vs_torch(got, expected):
    yours, want = got["yours"], got["torch"]
    if tuple(yours.shape) != tuple(want.shape):
        raise AssertionError(f"your output has shape {tuple(yours.shape)}; "
                             f"F.scaled_dot_product_attention gives {tuple(want.shape)}")
    if not torch.allclose(yours, want, rtol=1e-4, atol=1e-5):
        worst = (yours - want).abs().max().item()
        raise AssertionError(f"your output differs from F.scaled_dot_product_attention on the "
                             f"same inputs (worst difference {worst:.3g}): {FORMULA}")


def _row_sums(m, q, k, v):
    _, weights = m.scaled_dot_product_attention(q, k, v)
    return {"sums": weights.sum(-1), "min": weights.min().item()}


@plain_words
def verify_rows(got, expected):
    if got["min"] < 0:
        raise AssertionError("some attention weights are negative: they come from a softmax")
    sums = got["sums"]
    if tuple(sums.shape) != tuple(expected["sums"].shape):
        raise AssertionError(f"the weights should have one row per query, shape (B, Lq, Lk); "
                             f"summing your weights' last dim gave shape {tuple(sums.shape)}, "
                             f"expected {tuple(expected['sums'].shape)}")
    if not torch.allclose(sums, torch.ones_like(sums), atol=1e-5):
        raise AssertionError("each query's weights (a row over the keys) should sum to 1: take "
                             "the softmax over the last dim, the keys")


def _grads(m, q, k, v, w):
    leaves = [t.clone().requires_grad_(True) for t in (q, k, v)]
    output, _ = m.scaled_dot_product_attention(*leaves)
    (output * w).sum().backward()
    return {name: t.grad for name, t in zip(("queries", "keys", "values"), leaves, strict=True)}


def cases(ctx):
    q = ctx.randn(2, 3, 4, seed=1)
    k = ctx.randn(2, 5, 4, seed=2)
    v = ctx.randn(2, 5, 6, seed=3)
    q64, k64 = ctx.randn(3, 4, 64, seed=4), ctx.randn(3, 7, 64, seed=5)
    v64 = ctx.randn(3, 7, 2, seed=6)
    q4, k4, v4 = (ctx.randn(2, 3, 4, 8, seed=7), ctx.randn(2, 3, 6, 8, seed=8),
                  ctx.randn(2, 3, 6, 5, seed=9))
    qd, kd, vd = (ctx.randn(2, 6, 3, seed=10, dtype=torch.float64),
                  ctx.randn(2, 2, 3, seed=11, dtype=torch.float64),
                  ctx.randn(2, 2, 4, seed=12, dtype=torch.float64))
    one = [ctx.randn(1, 1, 5, seed=13 + i) for i in range(3)]
    w = ctx.randn(2, 6, 4, seed=16, dtype=torch.float64)
    return [
        Case("queries (2, 3, 4), keys (2, 5, 4), values (2, 5, 6)",
             lambda m: _attend(m, q, k, v), inputs=(q, k, v), rtol=1e-5, atol=1e-6),
        Case("agrees with F.scaled_dot_product_attention",
             lambda m: _vs_torch(m, q, k, v), verify="verify_vs_torch"),
        Case("each query's weights are non-negative and sum to 1",
             lambda m: _row_sums(m, q, k, v), verify="verify_rows"),
        Case("d = 64: the scores are divided by sqrt(64) = 8",
             lambda m: _attend(m, q64, k64, v64), rtol=1e-5, atol=1e-6),
        Case("d = 64 agrees with F.scaled_dot_product_attention",
             lambda m: _vs_torch(m, q64, k64, v64), verify="verify_vs_torch"),
        Case("4-D inputs (batch 2, 3 heads, Lq 4, Lk 6)",
             lambda m: _attend(m, q4, k4, v4), inputs=(q4, k4, v4), rtol=1e-5, atol=1e-6),
        Case("4-D agrees with F.scaled_dot_product_attention",
             lambda m: _vs_torch(m, q4, k4, v4), verify="verify_vs_torch"),
        Case("one query, one key: its weight is 1 and the output is the value",
             lambda m: _attend(m, *one)),
        Case("float64, Lq 6 > Lk 2", lambda m: _attend(m, qd, kd, vd)),
        Case("gradients reach queries, keys and values (float64)",
             lambda m: _grads(m, qd, kd, vd, w)),
    ]
