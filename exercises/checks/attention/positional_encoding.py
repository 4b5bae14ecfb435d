import torch

from studykit.grading.kit import Case, plain_words


def _columns(m, max_len, d):
    """Which columns of the learner's P differ from the formula (computed here in float64)."""
    P = m.positional_encoding(max_len, d)
    pos = torch.arange(max_len, dtype=torch.float64)[:, None]
    col = torch.arange(d)
    two_i = (col - col % 2).to(torch.float64)
    angle = pos / torch.pow(torch.tensor(10000.0, dtype=torch.float64), two_i / d)
    want = torch.where(col % 2 == 0, torch.sin(angle), torch.cos(angle))
    if not isinstance(P, torch.Tensor) or tuple(P.shape) != (max_len, d):
        return {"shape": tuple(P.shape) if isinstance(P, torch.Tensor) else None,
                "want": (max_len, d), "bad": [], "dtype": None}
    bad = [int(c) for c in col if not torch.allclose(P[:, c].double(), want[:, c], atol=1e-4)]
    return {"shape": tuple(P.shape), "want": (max_len, d), "bad": bad[:5],
            "dtype": str(P.dtype), "first row": P[0].tolist()}


@plain_words
def verify_columns(got, expected):
    if got["shape"] != got["want"]:
        raise AssertionError(f"positional_encoding({got['want'][0]}, {got['want'][1]}) should "
                             f"be a tensor of shape {tuple(got['want'])}, got {got['shape']}")
    if got["dtype"] != "torch.float32":
        raise AssertionError(f"expected a float32 matrix, got {got['dtype']}")
    if got["bad"]:
        c = got["bad"][0]
        kind = "sin" if c % 2 == 0 else "cos"
        tip = ""
        if got["first row"][0] != 0.0:
            tip = " (row 0 is position 0: sin(0) = 0, cos(0) = 1)"
        raise AssertionError(f"column {c} differs from {kind}(pos / 10000^({c - c % 2}/d)); "
                             f"columns 2i and 2i+1 share the frequency of pair i{tip}")


def _shift(m, d, k, max_len):
    """P[pos + k] = P[pos] @ M_k, using the reference-free formula for P."""
    M = m.relative_shift(k, d)
    pos = torch.arange(max_len, dtype=torch.float64)[:, None]
    two_i = torch.arange(0, d, 2, dtype=torch.float64)
    angle = pos / torch.pow(torch.tensor(10000.0, dtype=torch.float64), two_i / d)
    P = torch.stack([torch.sin(angle), torch.cos(angle)], dim=2).reshape(max_len, d)
    return {"M": M, "holds": bool(torch.allclose(P[:-k] @ M.double(), P[k:], atol=1e-9))}


@plain_words
def verify_shift(got, expected):
    M, want = got["M"], expected["M"]
    if tuple(M.shape) != tuple(want.shape) or M.dtype != want.dtype:
        raise AssertionError(f"relative_shift should return a {tuple(want.shape)} "
                             f"{want.dtype} matrix, got {tuple(M.shape)} {M.dtype}")
    if not got["holds"]:
        raise AssertionError("P[pos] @ M_k is not P[pos + k]: each 2x2 block is "
                             "[[cos θ, -sin θ], [sin θ, cos θ]] with θ = k ω_i, placed at "
                             "rows and columns 2i, 2i+1")


def cases(ctx):
    X = ctx.randn(2, 5, 8, seed=1)
    P = torch.sin(torch.arange(80, dtype=torch.float32).reshape(10, 8))
    X64 = ctx.randn(3, 4, 6, seed=2, dtype=torch.float64)
    P6 = torch.cos(torch.arange(36, dtype=torch.float32).reshape(6, 6))
    X16 = ctx.track(ctx.randn(2, 3, 6, seed=3).half())
    return [
        Case("positional_encoding(6, 4)", lambda m: m.positional_encoding(6, 4),
             rtol=1e-5, atol=5e-5),
        Case("every column follows sin/cos(pos / 10000^(2i/d)) (60 x 32)",
             lambda m: _columns(m, 60, 32), verify="verify_columns"),
        Case("odd d = 5: the last column is a sine", lambda m: m.positional_encoding(8, 5),
             rtol=1e-5, atol=5e-5),
        Case("odd d = 7: every column follows the formula",
             lambda m: _columns(m, 9, 7), verify="verify_columns"),
        Case("1000 positions, d = 64 (float32)", lambda m: m.positional_encoding(1000, 64),
             rtol=1e-4, atol=5e-4),
        Case("add_positional_encoding: X (2, 5, 8), P (10, 8)",
             lambda m: m.add_positional_encoding(X, P), inputs=(X, P)),
        Case("add_positional_encoding keeps float64 X float64",
             lambda m: m.add_positional_encoding(X64, P6), inputs=(X64, P6)),
        Case("add_positional_encoding keeps float16 X float16 (float32 P would promote it)",
             lambda m: m.add_positional_encoding(X16, P6), rtol=1e-3, atol=1e-2),
        Case("relative_shift(1, 4)", lambda m: m.relative_shift(1, 4)),
        Case("P[pos + 3] = P[pos] @ relative_shift(3, 16)",
             lambda m: _shift(m, 16, 3, 40), verify="verify_shift"),
        Case("P[pos + 7] = P[pos] @ relative_shift(7, 6)",
             lambda m: _shift(m, 6, 7, 20), verify="verify_shift"),
    ]
