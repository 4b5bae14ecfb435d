import torch

from studykit.grading.kit import Case


def cases(ctx):
    f64 = torch.float64
    x = ctx.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]], dtype=f64)
    y = ctx.tensor([[0.0, 0.0], [3.0, 4.0], [-1.0, 1.0], [1.0, 2.0]], dtype=f64)
    a = ctx.randn(7, 5, seed=1, dtype=f64)
    b = ctx.randn(9, 5, seed=2, dtype=f64)
    one = ctx.randn(1, 4, seed=3, dtype=f64)
    many = ctx.randn(6, 4, seed=4, dtype=f64)
    line_x = ctx.randn(5, 1, seed=5, dtype=f64)
    line_y = ctx.randn(3, 1, seed=6, dtype=f64)
    f32x = ctx.randn(8, 3, seed=7)
    f32y = ctx.randn(5, 3, seed=8)
    far = ctx.randn(6, 3, seed=9, dtype=f64) + 1000.0
    near32 = ctx.track(ctx.randn(10, 3, seed=12) * 0.01 + 100.0)  # float32, close points
    bigx = ctx.randn(120, 16, seed=10, dtype=f64)
    bigy = ctx.randn(150, 16, seed=11, dtype=f64)
    return [
        Case("3 points vs 4 points in 2-D (hand-checkable)", lambda m: m.pairwise_sq_dists(x, y),),
        Case("7x5 vs 9x5 random points", lambda m: m.pairwise_sq_dists(a, b),),
        Case("N == 1", lambda m: m.pairwise_sq_dists(one, many)),
        Case("M == 1", lambda m: m.pairwise_sq_dists(many, one)),
        Case("D == 1 (points on a line)", lambda m: m.pairwise_sq_dists(line_x, line_y)),
        Case("the order matters: (x, y) is the transpose of (y, x)",
             lambda m: m.pairwise_sq_dists(b, a)),
        Case("float32 input gives float32 output", lambda m: m.pairwise_sq_dists(f32x, f32y)),
        Case("a point set against itself has a zero diagonal",
             lambda m: m.pairwise_sq_dists(a, a).diagonal(), atol=1e-9, rtol=0),
        Case("points far from the origin (around 1000)", lambda m: m.pairwise_sq_dists(far, far),
             atol=1e-6, rtol=1e-7),
        Case("float32 points around 100 against themselves (no cancellation error)",
             lambda m: m.pairwise_sq_dists(near32, near32)),
        Case("no distance is negative (float32 points around 100)",
             lambda m: bool((m.pairwise_sq_dists(near32, near32) >= 0).all())),
        Case("120x16 vs 150x16 points", lambda m: m.pairwise_sq_dists(bigx, bigy)),
        Case("nearest on the hand-checkable points", lambda m: m.nearest(x, y),),
        Case("nearest for 7 points among 9", lambda m: m.nearest(a, b)),
        Case("nearest with a single candidate is all zeros", lambda m: m.nearest(many, one)),
        Case("nearest for 120 points among 150", lambda m: m.nearest(bigx, bigy)),
    ]
