import torch

from studykit.grading.kit import Case


def _layout(t):
    return {"values": t, "contiguous": t.is_contiguous(), "stride": t.stride()}


def _own_memory(m, x):
    out = m.transpose_contiguous(x)
    return out.untyped_storage().data_ptr() != x.untyped_storage().data_ptr()


def _offsets(m, t, indices):
    return [m.element_offset(t, idx) for idx in indices]


def _random_offsets(m, t):
    """base holds 0, 1, 2, ... in memory, so the value at t[index] IS its memory position."""
    g = torch.Generator().manual_seed(5)
    indices = [tuple(int(torch.randint(0, n, (1,), generator=g)) for n in t.shape)
               for _ in range(20)]
    return {"indices": indices, "yours": [m.element_offset(t, i) for i in indices],
            "truth": [int(t[i]) for i in indices]}


def verify_offsets(got, expected):
    for index, yours, truth in zip(got["indices"], got["yours"], got["truth"], strict=True):
        if yours != truth:
            raise AssertionError(f"t{list(index)} sits at memory position {truth}, "
                                 f"you computed {yours}")


def cases(ctx):
    base = torch.arange(60.0).reshape(3, 4, 5)
    mat = torch.arange(12).reshape(3, 4)
    x = ctx.randn(3, 4, seed=1)
    tall = ctx.randn(5, 1, seed=2)
    square = ctx.randn(4, 4, seed=3)
    return [
        Case("element_offset in a contiguous 3x4x5 tensor",
             lambda m: _offsets(m, base, [(0, 0, 0), (1, 2, 3), (2, 3, 4)])),
        Case("element_offset in a transposed matrix",
             lambda m: _offsets(m, mat.t(), [(0, 0), (3, 2), (1, 2)])),
        Case("element_offset in a slice that starts mid-storage (storage_offset)",
             lambda m: _offsets(m, base[1, 1:], [(0, 0), (2, 4), (1, 3)])),
        Case("element_offset in a strided, permuted view",
             lambda m: _offsets(m, base[:, ::2, 1::2].permute(2, 0, 1), [(0, 0, 0), (1, 2, 1)])),
        Case("element_offset matches where the values really sit, 20 random indices",
             lambda m: _random_offsets(m, base.permute(1, 2, 0)[1:, ::2]),
             verify=verify_offsets),
        Case("flatten_transposed of a 3x4 int matrix", lambda m: m.flatten_transposed(mat),
             inputs=(mat,)),
        Case("flatten_transposed of a random 3x4", lambda m: m.flatten_transposed(x),),
        Case("flatten_transposed of a 5x1 column", lambda m: m.flatten_transposed(tall)),
        Case("transpose_contiguous of a 3x4: values, contiguity and strides",
             lambda m: _layout(m.transpose_contiguous(x)),),
        Case("transpose_contiguous of a 4x4", lambda m: _layout(m.transpose_contiguous(square))),
        Case("transpose_contiguous has its own memory", lambda m: _own_memory(m, square)),
    ]
