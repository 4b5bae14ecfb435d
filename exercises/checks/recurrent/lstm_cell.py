import torch
from torch import nn

from studykit.grading.kit import Case, plain_words

NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _weights(ctx, n_in, H, seed, dtype=torch.float64, scale=0.5):
    shapes = [(4 * H, n_in), (4 * H, H), (4 * H,), (4 * H,)]
    return tuple(scale * ctx.randn(*s, seed=seed + i, dtype=dtype) for i, s in enumerate(shapes))


def _load(module, w, suffix=""):
    with torch.no_grad():
        for name, value in zip(NAMES, w, strict=True):
            getattr(module, name + suffix).copy_(value)
    return module


def _vs_cell(m, x, state, w):
    cell = _load(nn.LSTMCell(x.shape[1], state[0].shape[1]).to(x.device, x.dtype), w)
    with torch.no_grad():
        want_h, want_c = cell(x, state)
    h, c = m.lstm_cell(x, state, *w)
    return {"names": ["h'", "c'"], "yours": [h, c], "torch": [want_h, want_c]}


def _vs_lstm(m, inputs, state, w):
    layer = _load(nn.LSTM(inputs.shape[2], w[1].shape[1]).to(inputs.device, inputs.dtype),
                  w, "_l0")
    with torch.no_grad():
        torch_state = None if state is None else (state[0][None], state[1][None])
        want_out, (want_h, want_c) = layer(inputs, torch_state)
    outputs, (h_n, c_n) = m.lstm(inputs, state, *w)
    return {"names": ["outputs", "h_n", "c_n"], "yours": [outputs, h_n, c_n],
            "torch": [want_out, want_h[0], want_c[0]]}


@plain_words
def verify_vs_torch(got, expected):
    for name, a, b in zip(got["names"], got["yours"], got["torch"], strict=True):
        if tuple(a.shape) != tuple(b.shape):
            raise AssertionError(f"your {name} has shape {tuple(a.shape)}, torch's "
                                 f"{tuple(b.shape)}")
        if not torch.allclose(a, b, rtol=1e-6, atol=1e-8):
            raise AssertionError(f"your {name} differs from torch's given the same weights: "
                                 "the gates are stacked i, f, g, o (g, the candidate, uses "
                                 "tanh; the others sigmoid); c' = f * c + i * g and "
                                 "h' = o * tanh(c')")


def _memory_kept(m, x, state, w):
    """Forget gate 1, input gate 0: the memory cell passes through unchanged."""
    H = state[0].shape[1]
    b_ih = w[2].clone()
    b_ih[:H] = -50.0       # i -> 0
    b_ih[H:2 * H] = 50.0   # f -> 1
    _, c = m.lstm_cell(x, state, w[0], w[1], b_ih, w[3])
    return bool(torch.allclose(c, state[1], atol=1e-10))


def verify_memory(got, expected):
    if not got:
        raise AssertionError("with the forget gate at 1 and the input gate at 0 the memory "
                             "cell should pass through unchanged (c' = f * c + i * g); the "
                             "input gate is the FIRST block of the stacked weights and the "
                             "forget gate the second")


def _bptt(m, inputs, state, w):
    leaves = [t.clone().requires_grad_(True) for t in w]
    outputs, (h_n, c_n) = m.lstm(inputs, state, *leaves)
    (outputs.sum() + (c_n ** 2).sum()).backward()
    return {name: t.grad for name, t in zip(NAMES, leaves, strict=True)}


def cases(ctx):
    n_in, H = 3, 4
    w = _weights(ctx, n_in, H, seed=1)
    x = ctx.randn(2, n_in, seed=10, dtype=torch.float64)
    state = (ctx.randn(2, H, seed=11, dtype=torch.float64),
             ctx.randn(2, H, seed=12, dtype=torch.float64))
    inputs = ctx.randn(6, 2, n_in, seed=13, dtype=torch.float64)
    w32 = _weights(ctx, 5, 6, seed=20, dtype=torch.float32)
    in32 = ctx.randn(4, 3, 5, seed=21)
    return [
        Case("lstm_cell: batch 2, 3 inputs, 4 hidden", lambda m: m.lstm_cell(x, state, *w),
             inputs=(x, *state, *w)),
        Case("lstm_cell agrees with nn.LSTMCell", lambda m: _vs_cell(m, x, state, w),
             verify="verify_vs_torch"),
        Case("forget gate 1, input gate 0: the memory passes through",
             lambda m: _memory_kept(m, x, state, w), verify="verify_memory"),
        Case("lstm: 6 steps from a given state", lambda m: m.lstm(inputs, state, *w),
             inputs=(inputs, *state, *w)),
        Case("lstm agrees with nn.LSTM (state given)", lambda m: _vs_lstm(m, inputs, state, w),
             verify="verify_vs_torch"),
        Case("lstm agrees with nn.LSTM (state None = zeros)",
             lambda m: _vs_lstm(m, inputs, None, w), verify="verify_vs_torch"),
        Case("lstm: one step, batch 1", lambda m: m.lstm(inputs[:1, :1], None, *w)),
        Case("float32, 5 inputs, 6 hidden", lambda m: m.lstm(in32, None, *w32),
             rtol=1e-5, atol=1e-6),
        Case("gradients through time reach all four weights",
             lambda m: _bptt(m, inputs, state, w)),
    ]
