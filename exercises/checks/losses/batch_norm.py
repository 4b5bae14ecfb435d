import torch

from studykit.grading.kit import Case


def _params(ctx, c, seed, dtype=torch.float32):
    gamma = ctx.track(ctx.rand(c, seed=seed, dtype=dtype) + 0.5)
    beta = ctx.randn(c, seed=seed + 1, dtype=dtype)
    mean = ctx.randn(c, seed=seed + 2, dtype=dtype)
    var = ctx.track(ctx.rand(c, seed=seed + 3, dtype=dtype) + 0.5)
    return gamma, beta, mean, var


def _run(m, x, params, training, **kw):
    gamma, beta, mean, var = params
    y, new_mean, new_var = m.batch_norm(x, gamma, beta, mean, var, training, **kw)
    return {"Y": y, "new_mean": new_mean, "new_var": new_var}


def _grads(m, x, params):
    gamma, beta, mean, var = params
    x = x.clone().requires_grad_(True)
    gamma = gamma.clone().requires_grad_(True)
    beta = beta.clone().requires_grad_(True)
    y, _, _ = m.batch_norm(x, gamma, beta, mean, var, True)
    w = torch.linspace(-2, 3, y.numel(), dtype=y.dtype).reshape(y.shape)
    (y * w).sum().backward()
    return {"X.grad": x.grad, "gamma.grad": gamma.grad, "beta.grad": beta.grad}


def _new_tensors(m, x, params, training):
    gamma, beta, mean, var = params
    _, new_mean, new_var = m.batch_norm(x, gamma, beta, mean, var, training)
    storage = lambda t: t.untyped_storage().data_ptr()  # noqa: E731
    return {"new_mean is a new tensor": storage(new_mean) != storage(mean),
            "new_var is a new tensor": storage(new_var) != storage(var)}


def _stats_carry_no_graph(m, x, params):
    """Training on an X that requires grad: Y has a graph, the running statistics not."""
    gamma, beta, mean, var = params
    return _run(m, x.clone().requires_grad_(True), (gamma, beta, mean, var), True)


def _several_steps(m, xs, params):
    gamma, beta, mean, var = params
    for x in xs:
        _, mean, var = m.batch_norm(x, gamma, beta, mean, var, True, momentum=0.2)
    y, _, _ = m.batch_norm(xs[0], gamma, beta, mean, var, False)
    return {"running_mean": mean, "running_var": var, "eval Y": y}


def cases(ctx):
    x2 = ctx.randn(8, 3, seed=1) * 2 + 1
    p3 = _params(ctx, 3, 10)
    x4 = ctx.randn(4, 3, 5, 6, seed=2, dtype=torch.float64) * 3 - 2
    p3d = _params(ctx, 3, 20, torch.float64)
    sq = ctx.randn(4, 4, seed=3, dtype=torch.float64)
    p4d = _params(ctx, 4, 30, torch.float64)
    one_img = ctx.randn(1, 2, 3, 3, seed=4, dtype=torch.float64)
    p2d = _params(ctx, 2, 40, torch.float64)
    far = ctx.randn(16, 3, seed=5, dtype=torch.float64) * 0.01 + 1000
    steps = [ctx.randn(6, 3, seed=50 + i, dtype=torch.float64) + i for i in range(4)]
    return [
        Case("(N, C) training mode", lambda m: _run(m, x2, p3, True), inputs=(x2, *p3)),
        Case("(N, C) eval mode uses the running statistics", lambda m: _run(m, x2, p3, False),
             inputs=(x2, *p3)),
        Case("(N, C, H, W) training: statistics over N, H, W (float64)",
             lambda m: _run(m, x4, p3d, True), inputs=(x4, *p3d)),
        Case("(N, C, H, W) eval mode", lambda m: _run(m, x4, p3d, False)),
        Case("N == C: normalise per channel (axis 1), not per example",
             lambda m: _run(m, sq, p4d, True)),
        Case("momentum=0.3, eps=1e-3", lambda m: _run(m, x4, p3d, True, momentum=0.3, eps=1e-3)),
        Case("a single image (N=1) in training mode", lambda m: _run(m, one_img, p2d, True)),
        Case("values around 1000 with a tiny spread (float64)",
             lambda m: _run(m, far, _params(ctx, 3, 60, torch.float64), True)),
        Case("gradients for X, gamma and beta (float64)", lambda m: _grads(m, x4, p3d)),
        Case("eval mode returns new tensors, not running_mean / running_var themselves",
             lambda m: _new_tensors(m, x2, p3, False)),
        Case("training mode returns new tensors too", lambda m: _new_tensors(m, x2, p3, True)),
        Case("X requires grad: Y carries the graph, the new running statistics do not",
             lambda m: _stats_carry_no_graph(m, x4, p3d)),
        Case("4 training steps (momentum 0.2), then eval", lambda m: _several_steps(
            m, steps, _params(ctx, 3, 70, torch.float64))),
    ]
