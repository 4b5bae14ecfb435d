import torch

from studykit.grading.kit import Case


def _is_view(result, x):
    """The result reads x's memory: writing through it changes x."""
    probe = x.clone()
    out = result(probe)
    if out.numel() == 0:
        return False
    before = probe.clone()
    out[(0,) * out.dim()] = before.max() + 1
    return not torch.equal(probe, before)


def cases(ctx):
    grid = ctx.tensor(list(range(20))).reshape(5, 4)
    wide = ctx.randn(6, 7, seed=1)
    one_row = ctx.randn(1, 5, seed=2)
    one_col = ctx.randn(7, 1, seed=3)
    return [
        Case("every_other_row of a 5x4 grid", lambda m: m.every_other_row(grid),),
        Case("every_other_row of a 6x7 tensor", lambda m: m.every_other_row(wide),),
        Case("every_other_row of a single row", lambda m: m.every_other_row(one_row)),
        Case("every_other_row of a 7x1 column", lambda m: m.every_other_row(one_col)),
        Case("every_other_row is a view of x",
             lambda m: _is_view(m.every_other_row, wide)),
        Case("reverse_columns of a 5x4 grid", lambda m: m.reverse_columns(grid),),
        Case("reverse_columns of a 6x7 tensor", lambda m: m.reverse_columns(wide),),
        Case("reverse_columns of a 7x1 column is unchanged",
             lambda m: m.reverse_columns(one_col)),
        Case("reverse_columns of a 1x5 row", lambda m: m.reverse_columns(one_row)),
        Case("subgrid(x, 1, 2, 3) of a 6x7 tensor", lambda m: m.subgrid(wide, 1, 2, 3),),
        Case("subgrid(x, 0, 0, 2) of a 5x4 grid", lambda m: m.subgrid(grid, 0, 0, 2),),
        Case("subgrid with step 1 from (2, 1)", lambda m: m.subgrid(grid, 2, 1, 1)),
        Case("subgrid with a step larger than the tensor", lambda m: m.subgrid(wide, 4, 3, 10)),
        Case("subgrid is a view of x", lambda m: _is_view(lambda t: m.subgrid(t, 1, 1, 2), wide)),
    ]
