import torch
from torch import nn
from torch.nn import functional as F

from studykit.grading.kit import Case, plain_words


def _mask(m, name, n, ctx):
    mask = getattr(m, name)(n, ctx.device)
    return mask


def _torch_additive(m, n, ctx):
    return {"yours": m.additive_causal_mask(n, ctx.device),
            "torch": nn.Transformer.generate_square_subsequent_mask(n, device=ctx.device)}


@plain_words
def verify_additive(got, expected):
    yours, want = got["yours"], got["torch"]
    if yours.dtype != want.dtype or tuple(yours.shape) != tuple(want.shape):
        raise AssertionError(f"expected a {tuple(want.shape)} {want.dtype} tensor like "
                             f"nn.Transformer.generate_square_subsequent_mask, got "
                             f"{tuple(yours.shape)} {yours.dtype}")
    if not torch.equal(yours, want):
        raise AssertionError("your additive mask differs from "
                             "nn.Transformer.generate_square_subsequent_mask: 0.0 on and below "
                             "the diagonal, -inf above it")


def _with_mha(m, x, ctx):
    """nn.MultiheadAttention given blocked_mask equals it given torch's additive mask."""
    torch.manual_seed(0)
    mha = nn.MultiheadAttention(x.shape[-1], 2, batch_first=True).to(ctx.device)
    n = x.shape[1]
    with torch.no_grad():
        yours, _ = mha(x, x, x, attn_mask=m.blocked_mask(n, ctx.device))
        want, _ = mha(x, x, x, attn_mask=nn.Transformer.generate_square_subsequent_mask(
            n, device=ctx.device))
    return bool(torch.allclose(yours, want, atol=1e-6))


def verify_mha(got, expected):
    if not got:
        raise AssertionError("nn.MultiheadAttention given your blocked_mask does not behave "
                             "causally: for it True means 'may NOT attend', so the mask is "
                             "True above the diagonal")


def _vs_torch(m, q, k, v):
    output, _ = m.causal_attention(q, k, v)
    return {"yours": output, "torch": F.scaled_dot_product_attention(q, k, v, is_causal=True)}


@plain_words
def verify_vs_torch(got, expected):
    yours, want = got["yours"], got["torch"]
    if tuple(yours.shape) != tuple(want.shape):
        raise AssertionError(f"your output has shape {tuple(yours.shape)}, expected "
                             f"{tuple(want.shape)}")
    if not torch.allclose(yours, want, rtol=1e-4, atol=1e-5):
        raise AssertionError("your output differs from F.scaled_dot_product_attention(..., "
                             "is_causal=True): scale by sqrt(d), hide the keys j > i before "
                             "the softmax, then pool the values")


def _future_blind(m, q, k, v, t):
    """Change the inputs after position t: the outputs up to t must not move."""
    out, weights = m.causal_attention(q, k, v)
    q2, k2, v2 = (x.clone() for x in (q, k, v))
    for x in (q2, k2, v2):
        x[..., t + 1:, :] += 3.0
    out2, _ = m.causal_attention(q2, k2, v2)
    upper = torch.ones(weights.shape[-2:], dtype=torch.bool, device=weights.device).triu(1)
    return {"past unchanged": bool(torch.allclose(out[..., :t + 1, :], out2[..., :t + 1, :],
                                                  atol=1e-6)),
            "above diagonal": weights[..., upper].abs().max().item() if upper.any() else 0.0,
            "sums": weights.sum(-1)}


@plain_words
def verify_future_blind(got, expected):
    if got["above diagonal"] > 0:
        raise AssertionError(f"a weight above the diagonal is {got['above diagonal']:.3g}: "
                             "query i must give weight exactly 0 to every key j > i")
    if not got["past unchanged"]:
        raise AssertionError("changing the tokens after position t changed the outputs at "
                             "positions <= t: the mask lets the model see the future (it "
                             "should be the lower triangle, j <= i)")
    sums = got["sums"]
    if not torch.allclose(sums, torch.ones_like(sums), atol=1e-5):
        raise AssertionError("the weights of a query do not sum to 1: apply the mask to the "
                             "scores before the softmax")


def cases(ctx):
    q, k, v = ctx.randn(2, 5, 4, seed=1), ctx.randn(2, 5, 4, seed=2), ctx.randn(2, 5, 3, seed=3)
    q4, k4, v4 = (ctx.randn(2, 3, 6, 8, seed=4, dtype=torch.float64),
                  ctx.randn(2, 3, 6, 8, seed=5, dtype=torch.float64),
                  ctx.randn(2, 3, 6, 2, seed=6, dtype=torch.float64))
    x = ctx.randn(2, 6, 8, seed=7)
    one = [ctx.randn(1, 1, 4, seed=8 + i) for i in range(3)]
    return [
        Case("causal_mask(4)", lambda m: _mask(m, "causal_mask", 4, ctx)),
        Case("causal_mask(1) and causal_mask(6)",
             lambda m: [_mask(m, "causal_mask", 1, ctx), _mask(m, "causal_mask", 6, ctx)]),
        Case("blocked_mask(5): True where attention is not allowed",
             lambda m: _mask(m, "blocked_mask", 5, ctx)),
        Case("blocked_mask works as nn.MultiheadAttention's attn_mask",
             lambda m: _with_mha(m, x, ctx), verify="verify_mha"),
        Case("additive_causal_mask(5) equals generate_square_subsequent_mask",
             lambda m: _torch_additive(m, 5, ctx), verify="verify_additive"),
        Case("additive_causal_mask(1)", lambda m: m.additive_causal_mask(1, ctx.device)),
        Case("causal_attention: (2, 5, 4) queries and keys, (2, 5, 3) values",
             lambda m: m.causal_attention(q, k, v), inputs=(q, k, v), rtol=1e-5, atol=1e-6),
        Case("causal_attention agrees with F.scaled_dot_product_attention(is_causal=True)",
             lambda m: _vs_torch(m, q, k, v), verify="verify_vs_torch"),
        Case("no weight above the diagonal; the future does not change the past",
             lambda m: _future_blind(m, q, k, v, 2), verify="verify_future_blind"),
        Case("4-D float64 (batch 2, 3 heads, 6 steps)",
             lambda m: m.causal_attention(q4, k4, v4)),
        Case("4-D: the future does not change the past",
             lambda m: _future_blind(m, q4, k4, v4, 0), verify="verify_future_blind"),
        Case("a single step", lambda m: m.causal_attention(*one)),
    ]
