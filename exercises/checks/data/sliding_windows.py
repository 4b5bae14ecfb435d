import torch

from studykit.grading.kit import Case


def _windows(m, series, tau, horizon=None):
    out = m.make_windows(series, tau) if horizon is None else m.make_windows(series, tau,
                                                                           horizon)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise AssertionError("make_windows must return (features, labels)")
    return {"features": out[0], "labels": out[1]}


def _split(m, n, fraction):
    X = torch.arange(n * 3).reshape(n, 3)
    y = torch.arange(n) * 10
    (Xtr, ytr), (Xte, yte) = m.time_split(X, y, fraction)
    return {"X_train": Xtr, "y_train": ytr, "X_test": Xte, "y_test": yte}


def _end_to_end(m):
    """Windows of a sine, split 80/20: the test windows come after every training label."""
    t = torch.arange(40, dtype=torch.float64)
    X, y = m.make_windows(torch.sin(0.3 * t), 4, 2)
    (Xtr, ytr), (Xte, yte) = m.time_split(X, y, 0.8)
    return {"train": len(Xtr), "test": len(Xte), "first test window": Xte[0],
            "last train label": ytr[-1]}


def cases(ctx):
    ten = torch.arange(10).to(ctx.device)
    prices = ctx.randn(12, 2, seed=1, dtype=torch.float64).cumsum(0)
    wave = torch.sin(torch.linspace(0, 6, 30)).to(ctx.device)
    return [
        Case("0..9, tau 3, next value (exact)", lambda m: _windows(m, ten, 3), inputs=(ten,)),
        Case("0..9, tau 3, horizon 3 (three steps ahead)", lambda m: _windows(m, ten, 3, 3)),
        Case("0..9, tau 1", lambda m: _windows(m, ten, 1)),
        Case("a float32 sine, tau 5", lambda m: _windows(m, wave, 5), inputs=(wave,)),
        Case("a (12, 2) float64 series: windows (N, tau, 2), labels (N, 2)",
             lambda m: _windows(m, prices, 4, 2), inputs=(prices,)),
        Case("exactly one window (T = tau + horizon)", lambda m: _windows(m, ten[:5], 3, 2)),
        Case("too short for any window: 0 windows with the right shapes",
             lambda m: _windows(m, ten[:4], 4)),
        Case("too short, multivariate", lambda m: _windows(m, prices[:3], 3, 1)),
        Case("time_split: 7 windows, 0.8 -> the first 5 train (int, not round)",
             lambda m: _split(m, 7, 0.8)),
        Case("time_split: fraction 0 and 1",
             lambda m: [_split(m, 4, 0.0), _split(m, 4, 1.0)]),
        Case("windows of a sine split 80/20, in time order", _end_to_end),
    ]
