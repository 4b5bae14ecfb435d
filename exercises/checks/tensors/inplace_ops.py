from studykit.grading.kit import Case


def _shares(a, b):
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def _into(m, x, y):
    x = x.clone()
    ptr = x.data_ptr()
    result = m.add_into(x, y)
    return {"x after the call": x, "returned x itself": result is x,
            "same memory": x.data_ptr() == ptr}


def _scale(m, ts, c):
    ts = [t.clone() for t in ts]
    originals = list(ts)
    returned = m.scale_all_(ts, c)
    return {"tensors after the call": originals, "returned": returned}


def cases(ctx):
    x = ctx.randn(2, 3, seed=1)
    y = ctx.randn(2, 3, seed=2)
    row = ctx.randn(3, seed=3)
    big = ctx.randn(4, 5, 6, seed=4)
    big_y = ctx.randn(4, 5, 6, seed=5)
    ints = ctx.tensor([[1, -2], [3, 4]])
    int_y = ctx.tensor([10, 20])
    parts = [ctx.randn(3, seed=6), ctx.randn(2, 2, seed=7), ctx.randn(1, seed=8)]
    return [
        Case("add_new values (2x3)", lambda m: m.add_new(x, y),),
        Case("add_new with a broadcast row", lambda m: m.add_new(x, row),),
        Case("add_new on int64 keeps the dtype", lambda m: m.add_new(ints, int_y),),
        Case("add_new returns new memory, not x", lambda m: _shares(m.add_new(big, big_y), big),),
        Case("add_into changes x, returns the same object", lambda m: _into(m, x, y),),
        Case("add_into with a broadcast row", lambda m: _into(m, x, row),),
        Case("add_into on a 4x5x6 tensor", lambda m: _into(m, big, big_y),),
        Case("add_into on int64", lambda m: _into(m, ints, int_y)),
        Case("scale_all_ changes the caller's tensors", lambda m: _scale(m, parts, 2.5)),
        Case("scale_all_ by -1", lambda m: _scale(m, parts, -1.0)),
        Case("scale_all_ on an empty list", lambda m: _scale(m, [], 3.0)),
    ]
