from studykit.grading.kit import Case


def _shares(a, b):
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def cases(ctx):
    x = ctx.randn(2, 3, seed=1)
    y = ctx.randn(4, 1, 5, seed=2)
    return [
        Case("flat_view values (2x3)", lambda m: m.flat_view(x), inputs=(x,)),
        Case("flat_view shares memory", lambda m: _shares(m.flat_view(y), y)),
        Case("flat_copy values (4x1x5)", lambda m: m.flat_copy(y), inputs=(y,)),
        Case("flat_copy has its own memory", lambda m: _shares(m.flat_copy(x), x)),
    ]
