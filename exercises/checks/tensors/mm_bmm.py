import torch

from studykit.grading.kit import Case


def cases(ctx):
    f64 = torch.float64
    a = ctx.randn(3, 4, seed=1, dtype=f64)
    b = ctx.randn(4, 5, seed=2, dtype=f64)
    sq1 = ctx.randn(3, 3, seed=3, dtype=f64)
    sq2 = ctx.randn(3, 3, seed=4, dtype=f64)
    row = ctx.randn(1, 6, seed=5, dtype=f64)
    colv = ctx.randn(6, 1, seed=6, dtype=f64)
    ba = ctx.randn(2, 3, 4, seed=7, dtype=f64)
    bb = ctx.randn(2, 4, 5, seed=8, dtype=f64)
    bsq1 = ctx.randn(5, 3, 3, seed=9, dtype=f64)
    bsq2 = ctx.randn(5, 3, 3, seed=10, dtype=f64)
    one_a = ctx.randn(1, 2, 7, seed=11, dtype=f64)
    one_b = ctx.randn(1, 7, 1, seed=12, dtype=f64)
    x = ctx.randn(4, 3, seed=13, dtype=f64)
    A = ctx.randn(4, 3, 3, seed=14, dtype=f64)
    x1 = ctx.randn(1, 5, seed=15, dtype=f64)
    A1 = ctx.randn(1, 5, 5, seed=16, dtype=f64)
    eye_x = ctx.randn(3, 4, seed=17, dtype=f64)
    eye = torch.eye(4, dtype=f64).expand(3, 4, 4).clone()
    sx = ctx.randn(3, 4, 5, seed=18, dtype=f64)
    sw = ctx.randn(5, 2, seed=19, dtype=f64)
    sx1 = ctx.randn(1, 1, 3, seed=20, dtype=f64)
    sw1 = ctx.randn(3, 4, seed=21, dtype=f64)
    return [
        Case("matmul2d (3x4) @ (4x5)", lambda m: m.matmul2d(a, b),),
        Case("matmul2d of two 3x3 matrices (not element-wise)", lambda m: m.matmul2d(sq1, sq2)),
        Case("matmul2d (1x6) @ (6x1) gives a 1x1", lambda m: m.matmul2d(row, colv)),
        Case("matmul2d (6x1) @ (1x6) gives a 6x6 outer product", lambda m: m.matmul2d(colv, row)),
        Case("batched_matmul (2,3,4) @ (2,4,5)", lambda m: m.batched_matmul(ba, bb),),
        Case("batched_matmul of 5 pairs of 3x3 matrices", lambda m: m.batched_matmul(bsq1, bsq2)),
        Case("batched_matmul with a batch of 1", lambda m: m.batched_matmul(one_a, one_b)),
        Case("quadratic_forms for 4 vectors of size 3", lambda m: m.quadratic_forms(x, A),),
        Case("quadratic_forms with B == 1 keeps shape (1,)", lambda m: m.quadratic_forms(x1, A1)),
        Case("quadratic_forms with identity matrices gives squared norms",
             lambda m: m.quadratic_forms(eye_x, eye)),
        Case("shared_weight (3,4,5) times (5,2)", lambda m: m.shared_weight(sx, sw),),
        Case("shared_weight with B == N == 1", lambda m: m.shared_weight(sx1, sw1)),
    ]
