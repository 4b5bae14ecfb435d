from studykit.grading.kit import Case


def _dtype_and_shape(t):
    return {"dtype": t.dtype, "shape": t.shape, "values": t}


def cases(ctx):
    return [
        Case("inferred([1, 2, 3]) is int64", lambda m: _dtype_and_shape(m.inferred([1, 2, 3]))),
        Case("inferred([1.5, -2.0]) is float32",
             lambda m: _dtype_and_shape(m.inferred([1.5, -2.0]))),
        Case("inferred([1, 2.5]): one float makes it float32",
             lambda m: _dtype_and_shape(m.inferred([1, 2.5]))),
        Case("inferred([True, False]) is bool",
             lambda m: _dtype_and_shape(m.inferred([True, False]))),
        Case("inferred(7): a single int gives a 0-d int64 tensor",
             lambda m: _dtype_and_shape(m.inferred(7))),
        Case("inferred([[1, 2], [3, 4]]): nested lists give a 2x2",
             lambda m: _dtype_and_shape(m.inferred([[1, 2], [3, 4]]))),
        Case("dtypes([1, 2, 3])", lambda m: m.dtypes([1, 2, 3])),
        Case("dtypes([0.5, 1.5])", lambda m: m.dtypes([0.5, 1.5])),
        Case("dtypes([True, False])", lambda m: m.dtypes([True, False])),
        Case("shapes(3): a 0-d tensor vs a tensor of 3 elements", lambda m: m.shapes(3)),
        Case("shapes(0)", lambda m: m.shapes(0)),
        Case("as_float32([1, 2, 3]) holds 1., 2., 3.",
             lambda m: _dtype_and_shape(m.as_float32([1, 2, 3]))),
        Case("as_float32(5): a 0-d tensor holding 5.0 (not 5 random numbers)",
             lambda m: _dtype_and_shape(m.as_float32(5))),
        Case("as_float32([[0, 1], [2, 3], [4, 5]]) keeps the 3x2 shape",
             lambda m: _dtype_and_shape(m.as_float32([[0, 1], [2, 3], [4, 5]]))),
        Case("as_float32([True, False, True]) gives 1., 0., 1.",
             lambda m: _dtype_and_shape(m.as_float32([True, False, True]))),
        Case("as_float32(-2.25)", lambda m: _dtype_and_shape(m.as_float32(-2.25))),
    ]
