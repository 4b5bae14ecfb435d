import math

import torch

from studykit.grading.kit import Case


def _summary(x, out, p, lines=False):
    """Plain statistics of one training-mode dropout output (x > 0 everywhere)."""
    if not isinstance(out, torch.Tensor):
        return {"not a tensor": type(out).__name__}
    if out.shape != x.shape or out.dtype != x.dtype:
        return {"shape": tuple(out.shape), "dtype": str(out.dtype),
                "want shape": tuple(x.shape), "want dtype": str(x.dtype)}
    out = out.detach()
    kept = out != 0
    ratio = out / x * (1 - p)  # 1 for every kept element when scaled right
    inf = torch.tensor(float("inf"), dtype=ratio.dtype)
    flat_rows = kept.reshape(x.shape[0], -1)
    return {
        "p": p,
        "n": x.numel(),
        "finite": bool(torch.isfinite(out).all()),
        "zero_frac": float((~kept).sum()) / x.numel(),
        "mean_ratio": float(out.sum(dtype=torch.float64) / x.sum(dtype=torch.float64)),
        "survivor_ratio_min": float(torch.where(kept, ratio, inf).min()),
        "survivor_ratio_max": float(torch.where(kept, ratio, -inf).max()),
        # whole rows (200 values) / columns (150 values) dropped together: chance < 1e-12
        "rows_all_zero": int((~flat_rows).all(dim=1).sum()) if lines else 0,
        "cols_all_zero": int((~flat_rows).all(dim=0).sum()) if lines else 0,
    }


def verify_train(got, expected):
    if "not a tensor" in got:
        raise AssertionError(f"expected a tensor, got a {got['not a tensor']}")
    if "want shape" in got:
        raise AssertionError(f"expected shape {got['want shape']} and dtype {got['want dtype']}, "
                             f"got {got['shape']} and {got['dtype']}")
    p, n = got["p"], got["n"]
    if not got["finite"]:
        raise AssertionError("the output contains nan or inf")
    sd = math.sqrt(p * (1 - p) / n)
    if abs(got["zero_frac"] - p) > 7 * sd + 1e-9:
        raise AssertionError(f"with p={p}, {got['zero_frac']:.1%} of the outputs are zero; "
                             f"about {p:.0%} should be (drop each element with probability p)")
    lo, hi = got["survivor_ratio_min"], got["survivor_ratio_max"]
    if abs(lo - 1) > 1e-5 or abs(hi - 1) > 1e-5:
        lo, hi = lo / (1 - p), hi / (1 - p)
        seen = f"{hi:.4g} * x" if abs(hi - lo) < 1e-5 else f"between {lo:.4g} * x and {hi:.4g} * x"
        raise AssertionError(f"with p={p}, kept elements should be x / (1 - p) = "
                             f"{1 / (1 - p):.4g} * x; yours are {seen}")
    tol = 7 * math.sqrt(p / (1 - p)) * 1.02 / math.sqrt(n) + 1e-6
    if abs(got["mean_ratio"] - 1) > tol:
        raise AssertionError(f"with p={p}, the output's mean is {got['mean_ratio']:.3f} times the "
                             "input's; dropout must keep the expectation unchanged")
    if got["rows_all_zero"] or got["cols_all_zero"]:
        raise AssertionError("whole rows or columns were dropped together; draw an independent "
                             "mask value for every element")


def verify_grad(got, expected):
    if got["max |grad * x - out|"] > 1e-5:
        raise AssertionError("the gradient is not mask / (1 - p): d out / d x should be "
                             "1 / (1 - p) where an element was kept and 0 where it was dropped")
    verify_train(got["summary"], expected["summary"])


def _train(m, x, p):
    return _summary(x, m.dropout(x, p, True), p, lines=x.dim() == 2)


def _module_train(m, x, p):
    layer = m.Dropout(p)
    layer.train()
    return _summary(x, layer(x), p, lines=True)


def _grad(m, x, p):
    xg = x.clone().requires_grad_(True)
    out = m.dropout(xg, p, True)
    out.sum().backward()
    if xg.grad is None:
        raise AssertionError("no gradient reached X")
    return {"max |grad * x - out|": float((xg.grad * x - out.detach()).abs().max()),
            "summary": _summary(x, out, p)}


def _fresh_masks(m, x):
    return not torch.equal(m.dropout(x, 0.5, True), m.dropout(x, 0.5, True))


def _rejects(m, x, p):
    try:
        m.dropout(x, p, True)
    except ValueError:
        return "ValueError"
    return f"no ValueError for p={p}"


def cases(ctx):
    # Seeds far from the case indices: torch.manual_seed(case index) must not replay x's stream.
    # Fewer than 32768 elements per tensor: torch then runs elementwise ops on one thread,
    # which keeps grading fast on a busy 2-core machine.
    x = ctx.rand(150, 200, seed=90001) + 1
    x3 = ctx.rand(4, 50, 100, seed=90002, dtype=torch.float64) + 1
    small = ctx.randn(4, 6, seed=3)
    return [
        Case("p=0.2: drops ~20%, survivors scaled by 1/0.8", lambda m: _train(m, x, 0.2),
             verify=verify_train,),
        Case("p=0.5 on a 150x200 tensor", lambda m: _train(m, x, 0.5), verify=verify_train),
        Case("p=0.8: drops ~80%, survivors scaled by 5", lambda m: _train(m, x, 0.8),
             verify=verify_train),
        Case("3-D float64 input, p=0.3", lambda m: _train(m, x3, 0.3), verify=verify_train,),
        Case("training=False returns the input", lambda m: m.dropout(small, 0.5, False), exact=True),
        Case("p=0 keeps every value", lambda m: m.dropout(small, 0.0, True)),
        Case("p=1 gives all zeros (not nan)", lambda m: m.dropout(small, 1.0, True),),
        Case("a new random mask on every call", lambda m: _fresh_masks(m, x)),
        Case("gradient is mask / (1 - p)", lambda m: _grad(m, x3, 0.4), verify=verify_grad),
        Case("p=1.5 raises ValueError", lambda m: _rejects(m, small, 1.5)),
        Case("p=-0.1 raises ValueError", lambda m: _rejects(m, small, -0.1)),
        Case("Dropout module in train mode, p=0.6", lambda m: _module_train(m, x, 0.6),
             verify=verify_train),
        Case("Dropout module in eval mode is the identity",
             lambda m: m.Dropout(0.5).eval()(small), exact=True),
    ]
