import torch

from studykit.grading.kit import Case


def _shares(a, b):
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def _write_through_view(m):
    """Writing through the flat view must change the original tensor."""
    x = torch.zeros(2, 3)
    v = m.flat_view(x)
    v[4] = 7.0
    return x


def _write_to_copy(m):
    """Writing into the copy must leave the original tensor alone."""
    x = torch.arange(6.0).reshape(3, 2)
    c = m.flat_copy(x)
    c[0] = -1.0
    return x


def cases(ctx):
    x = ctx.randn(2, 3, seed=1)
    y = ctx.randn(4, 1, 5, seed=2)
    line = ctx.randn(6, seed=3)
    ints = ctx.tensor([[1, 2], [3, 4], [5, 6]])
    return [
        Case("flat_view values (2x3)", lambda m: m.flat_view(x),),
        Case("flat_view shares memory", lambda m: _shares(m.flat_view(y), y)),
        Case("flat_view of a 1-D tensor shares memory", lambda m: _shares(m.flat_view(line), line)),
        Case("writing through flat_view changes the original", _write_through_view),
        Case("flat_copy values (4x1x5)", lambda m: m.flat_copy(y),),
        Case("flat_copy keeps the integer dtype", lambda m: m.flat_copy(ints),),
        Case("flat_copy has its own memory", lambda m: _shares(m.flat_copy(x), x)),
        Case("flat_copy of a 1-D tensor has its own memory (flatten() returns x itself)",
             lambda m: _shares(m.flat_copy(line), line)),
        Case("writing into flat_copy leaves the original alone", _write_to_copy),
    ]
