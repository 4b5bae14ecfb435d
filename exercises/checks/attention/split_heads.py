import torch

from studykit.grading.kit import Case, plain_words


def _heads_in_place(m, X, h):
    """Row b*h + k of the result must be X[b, :, k*d:(k+1)*d]."""
    out = m.transpose_qkv(X, h)
    B, L, D = X.shape
    d = D // h
    if tuple(out.shape) != (B * h, L, d):
        return {"shape": tuple(out.shape), "want": (B * h, L, d), "wrong": None}
    for b in range(B):
        for k in range(h):
            if not torch.equal(out[b * h + k], X[b, :, k * d:(k + 1) * d]):
                return {"shape": tuple(out.shape), "want": (B * h, L, d), "wrong": [b, k]}
    return {"shape": tuple(out.shape), "want": (B * h, L, d), "wrong": None}


@plain_words
def verify_heads(got, expected):
    if tuple(got["shape"]) != tuple(got["want"]):
        raise AssertionError(f"transpose_qkv returned shape {tuple(got['shape'])}, expected "
                             f"(B * num_heads, L, d) = {tuple(got['want'])}")
    if got["wrong"] is not None:
        b, k = got["wrong"]
        raise AssertionError(f"row {b} * num_heads + {k} should be head {k} of example {b}, "
                             f"the features X[{b}, :, {k}*d:{k + 1}*d] at every position; "
                             "split the last dim into (num_heads, d) and move the heads next "
                             "to the batch dim before merging them")


def _round_trip(m, X, h):
    back = m.transpose_output(m.transpose_qkv(X, h), h)
    return {"shape": tuple(back.shape), "equal": back.shape == X.shape
            and bool(torch.equal(back, X))}


@plain_words
def verify_round_trip(got, expected):
    for trip, want in zip(got, expected, strict=True):
        _one_round_trip(trip, want)


def _one_round_trip(got, expected):
    if tuple(got["shape"]) != tuple(expected["shape"]):
        raise AssertionError(f"transpose_output(transpose_qkv(X)) has shape "
                             f"{tuple(got['shape'])}, expected X's {tuple(expected['shape'])}")
    if not got["equal"]:
        raise AssertionError("transpose_output(transpose_qkv(X, h), h) is not X: undo the "
                             "steps in reverse order (reshape to (B, h, L, d), permute back "
                             "to (B, L, h, d), merge the last two dims)")


def _error(m, X, h):
    try:
        m.transpose_qkv(X, h)
    except ValueError:
        return "ValueError"
    return "no error"


def cases(ctx):
    X = torch.arange(2 * 3 * 8, dtype=torch.float32, device=ctx.device).reshape(2, 3, 8)
    R = ctx.randn(3, 4, 8, seed=1)
    H = ctx.randn(6, 5, 3, seed=2, dtype=torch.float64)
    lens = ctx.tensor([3, 1, 2])
    lens2 = ctx.tensor([[1, 2], [3, 4]])
    return [
        Case("transpose_qkv: arange (2, 3, 8), 2 heads",
             lambda m: m.transpose_qkv(X, 2), inputs=(X,)),
        Case("transpose_qkv: head k of example b is row b*h + k (4 heads)",
             lambda m: _heads_in_place(m, R, 4), verify="verify_heads"),
        Case("transpose_qkv: 1 head keeps the features",
             lambda m: m.transpose_qkv(R, 1)),
        Case("transpose_qkv: 8 heads of 1 feature", lambda m: m.transpose_qkv(R, 8)),
        Case("transpose_qkv: 10 features, 4 heads raises ValueError",
             lambda m: _error(m, ctx.randn(2, 3, 10, seed=3), 4)),
        Case("transpose_output: (6, 5, 3) with 3 heads -> (2, 5, 9) (float64)",
             lambda m: m.transpose_output(H, 3), inputs=(H,)),
        Case("transpose_output undoes transpose_qkv (2 and 4 heads)",
             lambda m: [_round_trip(m, R, 2), _round_trip(m, R, 4)],
             verify="verify_round_trip"),
        Case("transpose_output undoes transpose_qkv (batch 1, 4 heads)",
             lambda m: [_round_trip(m, ctx.randn(1, 7, 12, seed=4), 4)],
             verify="verify_round_trip"),
        Case("repeat_valid_lens: (3,) lengths, 2 heads",
             lambda m: m.repeat_valid_lens(lens, 2), inputs=(lens,)),
        Case("repeat_valid_lens: (2, 2) per-query lengths, 3 heads",
             lambda m: m.repeat_valid_lens(lens2, 3)),
    ]
