import math

import torch

from studykit.grading.kit import Case, plain_words


def _vs_adam(m, xs, beta):
    """Feed xs to torch.optim.Adam as gradients (lr 0): its exp_avg is the EMA."""
    p = torch.zeros_like(xs[0]).requires_grad_()
    adam = torch.optim.Adam([p], lr=0.0, betas=(beta, 0.999))
    moments = []
    for x in xs:
        p.grad = x.clone()
        adam.step()
        moments.append(adam.state[p]["exp_avg"].clone())
    exp_avg = torch.stack(moments)
    t = torch.arange(1, len(xs) + 1, dtype=xs.dtype).reshape(-1, *([1] * (xs.dim() - 1)))
    return {"ema": m.ema(xs, beta), "torch exp_avg": exp_avg,
            "ema_corrected": m.ema_corrected(xs, beta),
            "exp_avg / (1 - beta ** t)": exp_avg / (1 - beta ** t)}


@plain_words
def verify_vs_adam(got, expected):
    for mine, theirs in (("ema", "torch exp_avg"),
                         ("ema_corrected", "exp_avg / (1 - beta ** t)")):
        a, b = got[mine], got[theirs]
        if not isinstance(a, torch.Tensor):
            raise AssertionError(f"{mine} returned {type(a).__name__}; return a tensor")
        if a.shape != b.shape:
            raise AssertionError(f"{mine} has shape {tuple(a.shape)}, expected {tuple(b.shape)}")
        bad = ~torch.isclose(a, b, rtol=1e-6, atol=1e-9)
        if bad.any():
            t = int(bad.nonzero()[0][0])
            raise AssertionError(f"{mine} at t = {t + 1}: {a[t].flatten()[:3].tolist()} ..., "
                                 f"Adam's {theirs} is {b[t].flatten()[:3].tolist()} ...")


def _constant(m, c, beta, T):
    xs = torch.full((T,), c, dtype=torch.float64)
    return {"ema": m.ema(xs, beta), "ema_corrected": m.ema_corrected(xs, beta)}


@plain_words
def verify_constant(got, expected):
    corrected = got["ema_corrected"]
    c = expected["ema_corrected"][0].item()
    if not torch.allclose(corrected, torch.full_like(corrected, c), rtol=1e-12, atol=1e-12):
        raise AssertionError(f"for a constant series {c}, the corrected average must be {c} "
                             f"at every t; got {[round(v, 6) for v in corrected.tolist()[:5]]}")
    want = expected["ema"]
    if not torch.allclose(got["ema"], want, rtol=1e-12, atol=1e-12):
        raise AssertionError(f"the uncorrected average of a constant {c} is (1 - beta**t) * "
                             f"{c}: expected {[round(v, 6) for v in want.tolist()[:5]]}, got "
                             f"{[round(v, 6) for v in got['ema'].tolist()[:5]]}")


@plain_words
def verify_float(got, expected):
    if type(got) is not float:
        raise AssertionError(f"return a Python float, got {type(got).__name__}")
    if not math.isclose(got, expected, rel_tol=1e-9):
        raise AssertionError(f"expected {expected:.6g}, got {got:.6g}")


def cases(ctx):
    series = ctx.randn(12, seed=1, dtype=torch.float64)
    grads = ctx.randn(15, 3, 2, seed=2)
    short = ctx.tensor([5.0])
    return [
        Case("ema of 12 numbers, beta 0.9", lambda m: m.ema(series, 0.9), inputs=(series,)),
        Case("ema of 15 gradient tensors (3, 2), beta 0.8 (float32)",
             lambda m: m.ema(grads, 0.8), inputs=(grads,)),
        Case("ema_corrected of 12 numbers, beta 0.9", lambda m: m.ema_corrected(series, 0.9),
             inputs=(series,)),
        Case("ema_corrected of gradient tensors, beta 0.99 (float32)",
             lambda m: m.ema_corrected(grads, 0.99), inputs=(grads,)),
        Case("beta 0: the average is the latest value",
             lambda m: [m.ema(series, 0.0), m.ema_corrected(series, 0.0)]),
        Case("a series of one value", lambda m: [m.ema(short, 0.9), m.ema_corrected(short, 0.9)]),
        Case("a constant series: the correction recovers it exactly",
             lambda m: _constant(m, 3.0, 0.9, 8), verify="verify_constant"),
        Case("a constant series with beta 0.999", lambda m: _constant(m, -2.0, 0.999, 6),
             verify="verify_constant"),
        Case("ema is Adam's first moment (exp_avg), corrected as Adam corrects it",
             lambda m: _vs_adam(m, grads.double(), 0.9), verify="verify_vs_adam"),
        Case("... with beta 0.5", lambda m: _vs_adam(m, series, 0.5), verify="verify_vs_adam"),
        Case("effective_window(0.9)", lambda m: m.effective_window(0.9), verify="verify_float"),
        Case("effective_window(0.999)", lambda m: m.effective_window(0.999),
             verify="verify_float"),
    ]
