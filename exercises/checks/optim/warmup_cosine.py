import math

import torch

from studykit.grading.kit import Case, plain_words


def _values(m, warmup, total, min_ratio=None, extra=3):
    kw = {} if min_ratio is None else {"min_ratio": min_ratio}
    return {"steps": list(range(total + extra)),
            "values": [m.warmup_cosine(s, warmup, total, **kw) for s in range(total + extra)],
            "setting": f"warmup_steps={warmup}, total_steps={total}"
                       + ("" if min_ratio is None else f", min_ratio={min_ratio}")}


@plain_words
def verify_values(got, expected):
    for step, a, b in zip(got["steps"], got["values"], expected["values"], strict=True):
        if type(a) is not float:
            raise AssertionError(f"warmup_cosine({step}, ...) returned {type(a).__name__} "
                                 f"{a!r}: return a Python float")
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            raise AssertionError(f"{got['setting']}: at step {step} you return {a:.6g}, "
                                 f"expected {b:.6g} (expected sequence starts "
                                 f"{[round(v, 4) for v in expected['values'][:8]]})")


def _replay(m, warmup, total, lrs=(0.1, 0.01), min_ratio=0.0, steps=None):
    w = torch.zeros(2, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    groups = [{"params": [t], "lr": lr} for t, lr in zip((w, b), lrs, strict=False)]
    optimizer = torch.optim.SGD(groups, lr=lrs[0])
    scheduler = m.make_scheduler(optimizer, warmup, total, min_ratio=min_ratio)
    seen = []
    for _ in range(steps or total + 2):
        seen.append([g["lr"] for g in optimizer.param_groups])
        optimizer.step()
        scheduler.step()
    return {"class": type(scheduler).__name__, "lrs": seen,
            "setting": f"base lrs {list(lrs)}, warmup_steps={warmup}, total_steps={total}"}


@plain_words
def verify_replay(got, expected):
    if got["class"] != "LambdaLR":
        raise AssertionError(f"make_scheduler returned a {got['class']}; return a "
                             "torch.optim.lr_scheduler.LambdaLR")
    for step, (row, want) in enumerate(zip(got["lrs"], expected["lrs"], strict=True)):
        for group, (a, b) in enumerate(zip(row, want, strict=True)):
            if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15):
                raise AssertionError(f"{got['setting']}: step {step} trained param group "
                                     f"{group} with lr {a:.6g}, expected {b:.6g}: the lambda "
                                     "returns a multiplier of each group's base lr")


def _vs_cosine_annealing(m, total, min_ratio):
    """warmup_steps = 0: the schedule is CosineAnnealingLR(T_max=total, eta_min)."""
    base = 0.2
    a = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt_a, opt_b = torch.optim.SGD([a], lr=base), torch.optim.SGD([b], lr=base)
    yours = m.make_scheduler(opt_a, 0, total, min_ratio=min_ratio)
    theirs = torch.optim.lr_scheduler.CosineAnnealingLR(opt_b, T_max=total,
                                                        eta_min=base * min_ratio)
    lrs = []
    for _ in range(total + 1):
        lrs.append((opt_a.param_groups[0]["lr"], opt_b.param_groups[0]["lr"]))
        opt_a.step()
        opt_b.step()
        yours.step()
        theirs.step()
    return lrs


@plain_words
def verify_annealing(got, expected):
    for step, (a, b) in enumerate(got):
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            raise AssertionError(f"without warm-up, step {step}: your lr {a:.6g}, "
                                 f"CosineAnnealingLR's {b:.6g}")


def cases(ctx):
    return [
        Case("warm-up 5, total 20: multipliers for steps 0..22",
             lambda m: _values(m, 5, 20), verify="verify_values"),
        Case("no warm-up (0), total 10: a plain cosine", lambda m: _values(m, 0, 10),
             verify="verify_values"),
        Case("min_ratio 0.1: the cosine ends at the floor and stays there",
             lambda m: _values(m, 3, 12, min_ratio=0.1), verify="verify_values"),
        Case("min_ratio given as the int 0: still Python floats, past total_steps too",
             lambda m: _values(m, 2, 6, min_ratio=0), verify="verify_values"),
        Case("warm-up as long as the run (4, 4)", lambda m: _values(m, 4, 4),
             verify="verify_values"),
        Case("warm-up 1, total 2", lambda m: _values(m, 1, 2, extra=2), verify="verify_values"),
        Case("replay: two param groups (lr 0.1 and 0.01), warm-up 3, total 10",
             lambda m: _replay(m, 3, 10), verify="verify_replay"),
        Case("replay: one group, min_ratio 0.05, warm-up 2, total 8",
             lambda m: _replay(m, 2, 8, lrs=(0.5,), min_ratio=0.05), verify="verify_replay"),
        Case("no warm-up equals CosineAnnealingLR(T_max=12)",
             lambda m: _vs_cosine_annealing(m, 12, 0.0), verify="verify_annealing"),
        Case("no warm-up with a floor equals CosineAnnealingLR(eta_min=0.1 * lr)",
             lambda m: _vs_cosine_annealing(m, 9, 0.1), verify="verify_annealing"),
    ]
