import torch

from studykit.grading.kit import Case


def cases(ctx):
    f64 = torch.float64
    square = ctx.rand(4, 4, seed=1, dtype=f64) + 0.1
    wide = ctx.rand(3, 5, seed=2, dtype=f64) + 0.1
    row = ctx.rand(1, 5, seed=3, dtype=f64) + 0.1
    col = ctx.rand(5, 1, seed=4, dtype=f64) + 0.1
    cube = ctx.rand(2, 3, 3, seed=5, dtype=f64) + 0.1
    f32 = ctx.rand(6, 3, seed=6) + 0.1
    signed = ctx.randn(4, 4, seed=7, dtype=f64) * 3
    tall = ctx.randn(6, 3, seed=8, dtype=f64)
    tall[2, 1] = -10.0  # the largest |value| of column 1 is negative
    return [
        Case("row_normalize a 4x4 matrix (keepdim matters)", lambda m: m.row_normalize(square),),
        Case("row_normalize a 3x5 matrix", lambda m: m.row_normalize(wide),),
        Case("row_normalize a single row", lambda m: m.row_normalize(row)),
        Case("row_normalize a 5x1 column (all ones)", lambda m: m.row_normalize(col)),
        Case("row_normalize a 2x3x3 tensor along the last dim",
             lambda m: m.row_normalize(cube),),
        Case("row_normalize float32 keeps the dtype", lambda m: m.row_normalize(f32)),
        Case("rows of row_normalize sum to 1",
             lambda m: m.row_normalize(square * 100).sum(dim=-1)),
        Case("center a 4x4 matrix along dim=0", lambda m: m.center(signed, 0),),
        Case("center a 4x4 matrix along dim=1", lambda m: m.center(signed, 1),),
        Case("center a 2x3x3 tensor along dim=-1", lambda m: m.center(cube, -1)),
        Case("center a 2x3x3 tensor along dim=1", lambda m: m.center(cube, 1)),
        Case("center a 5x1 column along dim=1 gives zeros", lambda m: m.center(col, 1)),
        Case("center along dim=0 makes column means 0",
             lambda m: m.center(signed, 0).mean(dim=0), atol=1e-12, rtol=0),
        Case("column_max_scale a 4x4 matrix with negative values",
             lambda m: m.column_max_scale(signed),),
        Case("column_max_scale where a column's largest |value| is negative",
             lambda m: m.column_max_scale(tall),),
        Case("column_max_scale a single row (all ±1)", lambda m: m.column_max_scale(row)),
        Case("column_max_scale float32", lambda m: m.column_max_scale(f32)),
    ]
