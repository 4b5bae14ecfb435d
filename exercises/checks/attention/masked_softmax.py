import torch

from studykit.grading.kit import Case, plain_words


def _keep(X, lens):
    lens = lens[:, None] if lens.dim() == 1 else lens
    return torch.arange(X.shape[-1], device=X.device) < lens[..., None]


def _properties(m, X, lens):
    """Weights at masked keys, row sums, and whether scores at masked keys matter."""
    weights = m.masked_softmax(X, lens)
    keep = _keep(X, lens).expand_as(X)
    scrambled = torch.where(keep, X, 50.0 * torch.ones_like(X))
    again = m.masked_softmax(scrambled, lens)
    return {"masked max": weights.masked_fill(keep, 0).abs().max().item(),
            "sums": weights.sum(-1),
            "masked scores ignored": bool(torch.allclose(weights, again, atol=1e-6))}


@plain_words
def verify_properties(got, expected):
    if got["masked max"] > 1e-6:
        raise AssertionError(f"a key beyond the valid length got weight {got['masked max']:.3g}; "
                             "masked keys (positions >= valid_len) must get weight 0: set "
                             "their scores to -1e6 before the softmax")
    sums = got["sums"]
    if not torch.allclose(sums, torch.ones_like(sums), atol=1e-5):
        raise AssertionError("the weights of a row do not sum to 1: mask the scores before "
                             "the softmax, not the weights after it")
    if not got["masked scores ignored"]:
        raise AssertionError("changing only the scores of masked keys changed the result: "
                             "they must be replaced, whatever they were")


def _untouched(m, X, lens):
    copy = X.clone()
    m.masked_softmax(X, lens)
    return bool(torch.equal(X, copy))


def verify_untouched(got, expected):
    if not got:
        raise AssertionError("masked_softmax changed the caller's scores X in place (writing "
                             "-1e6 into X or a view of it): use masked_fill or torch.where, "
                             "which return a new tensor")


def _grad(m, X, lens):
    leaf = X.clone().requires_grad_(True)
    weights = m.masked_softmax(leaf, lens)
    (weights * torch.arange(weights.numel(), dtype=X.dtype, device=X.device)
     .view_as(weights)).sum().backward()
    return leaf.grad


def cases(ctx):
    X = ctx.randn(2, 3, 5, seed=1)
    lens = ctx.tensor([2, 4])
    per_query = ctx.tensor([[1, 3, 5], [2, 2, 4]])
    X64 = ctx.randn(3, 4, 6, seed=2, dtype=torch.float64)
    lens64 = ctx.tensor([0, 6, 3])
    long = ctx.tensor([9, 1])
    return [
        Case("no valid_lens: a plain softmax over the keys",
             lambda m: m.masked_softmax(X, None), inputs=(X,)),
        Case("valid_lens (2,) = [2, 4] for X (2, 3, 5)",
             lambda m: m.masked_softmax(X, lens), inputs=(X, lens)),
        Case("masked keys get weight 0, rows sum to 1, masked scores do not matter",
             lambda m: _properties(m, X, lens), verify="verify_properties"),
        Case("valid_lens (B, Lq): one length per query",
             lambda m: m.masked_softmax(X, per_query), inputs=(X, per_query)),
        Case("per-query lengths: masked weights 0, rows sum to 1",
             lambda m: _properties(m, X, per_query), verify="verify_properties"),
        Case("float64; a length 0 gives a uniform row (no NaN), a length Lk no mask",
             lambda m: m.masked_softmax(X64, lens64)),
        Case("a length above Lk masks nothing", lambda m: m.masked_softmax(X, long)),
        Case("the caller's scores are not changed in place",
             lambda m: _untouched(m, X, lens), verify="verify_untouched"),
        Case("gradient: masked scores get none (float64)",
             lambda m: _grad(m, X64, ctx.tensor([1, 6, 3]))),
        Case("batch 1, one query, one valid key of 4",
             lambda m: m.masked_softmax(ctx.randn(1, 1, 4, seed=3), ctx.tensor([1]))),
    ]
