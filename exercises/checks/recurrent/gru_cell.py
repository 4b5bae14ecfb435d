import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _weights(ctx, n_in, H, seed, dtype=torch.float64, scale=0.5):
    shapes = [(3 * H, n_in), (3 * H, H), (3 * H,), (3 * H,)]
    return tuple(scale * ctx.randn(*s, seed=seed + i, dtype=dtype) for i, s in enumerate(shapes))


def _load(module, w, suffix=""):
    with torch.no_grad():
        for name, value in zip(("weight_ih", "weight_hh", "bias_ih", "bias_hh"), w, strict=True):
            getattr(module, name + suffix).copy_(value)
    return module


def _vs_cell(m, x, h, w):
    n_in, H = x.shape[1], h.shape[1]
    cell = _load(nn.GRUCell(n_in, H).to(x.device, x.dtype), w)
    with torch.no_grad():
        want = cell(x, h)
    return {"names": ["h'"], "yours": [m.gru_cell(x, h, *w)], "torch": [want]}


def _vs_gru(m, inputs, h0, w):
    n_in, H = inputs.shape[2], w[1].shape[1]
    layer = _load(nn.GRU(n_in, H).to(inputs.device, inputs.dtype), w, "_l0")
    with torch.no_grad():
        want_out, want_h = layer(inputs, None if h0 is None else h0[None])
    outputs, h_n = m.gru(inputs, h0, *w)
    return {"names": ["outputs", "h_n"], "yours": [outputs, h_n],
            "torch": [want_out, want_h[0]]}


@plain_words
def verify_vs_torch(got, expected):
    for name, a, b in zip(got["names"], got["yours"], got["torch"], strict=True):
        if tuple(a.shape) != tuple(b.shape):
            raise AssertionError(f"your {name} has shape {tuple(a.shape)}, torch's "
                                 f"{tuple(b.shape)}")
        if not torch.allclose(a, b, rtol=1e-6, atol=1e-8):
            raise AssertionError("your GRU differs from torch's given the same weights: the "
                                 "gates are stacked r, z, n; r multiplies (h W_hn^T + b_hn), "
                                 "the hidden part of the candidate AFTER the product; and "
                                 "h' = (1 - z) * n + z * h")


def _update_gate_keeps(m, x, h, w):
    """With z saturated at 1 (a huge update-gate bias) the state must not change."""
    H = h.shape[1]
    b_ih = w[2].clone()
    b_ih[H:2 * H] = 50.0
    return bool(torch.allclose(m.gru_cell(x, h, w[0], w[1], b_ih, w[3]), h, atol=1e-10))


def verify_update_gate(got, expected):
    if not got:
        raise AssertionError("with the update gate z = 1 the new state should equal the old "
                             "one (h' = (1 - z) * n + z * h), and z is the SECOND block of "
                             "the stacked weights (order r, z, n)")


def _bptt(m, inputs, h0, w):
    leaves = [t.clone().requires_grad_(True) for t in w]
    outputs, h_n = m.gru(inputs, h0, *leaves)
    (outputs.sum() + (h_n ** 2).sum()).backward()
    return {name: t.grad for name, t in zip(("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
                                             leaves, strict=True)}


def cases(ctx):
    n_in, H = 3, 4
    w = _weights(ctx, n_in, H, seed=1)
    x, h = ctx.randn(2, n_in, seed=10, dtype=torch.float64), ctx.randn(2, H, seed=11,
                                                                     dtype=torch.float64)
    inputs = ctx.randn(6, 2, n_in, seed=12, dtype=torch.float64)
    w32 = _weights(ctx, 5, 6, seed=20, dtype=torch.float32)
    in32 = ctx.randn(4, 3, 5, seed=21)
    return [
        Case("gru_cell: batch 2, 3 inputs, 4 hidden", lambda m: m.gru_cell(x, h, *w),
             inputs=(x, h, *w)),
        Case("gru_cell agrees with nn.GRUCell", lambda m: _vs_cell(m, x, h, w),
             verify="verify_vs_torch"),
        Case("update gate z = 1 keeps the state",
             lambda m: _update_gate_keeps(m, x, h, w), verify="verify_update_gate"),
        Case("gru: 6 steps from a given state", lambda m: m.gru(inputs, h, *w),
             inputs=(inputs, h, *w)),
        Case("gru agrees with nn.GRU (h0 given)", lambda m: _vs_gru(m, inputs, h, w),
             verify="verify_vs_torch"),
        Case("gru agrees with nn.GRU (h0 None = zeros)", lambda m: _vs_gru(m, inputs, None, w),
             verify="verify_vs_torch"),
        Case("gru: one step, batch 1", lambda m: m.gru(inputs[:1, :1], None, *w)),
        Case("float32, 5 inputs, 6 hidden", lambda m: m.gru(in32, None, *w32),
             rtol=1e-5, atol=1e-6),
        Case("gradients through time reach all four weights",
             lambda m: _bptt(m, inputs, h, w)),
    ]
