import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _params(ctx, d, h, q, seed, dtype=torch.float64):
    shapes = [(d, h), (h, h), (h,), (h, q), (q,)]
    return tuple(0.5 * ctx.randn(*s, seed=seed + i, dtype=dtype) for i, s in enumerate(shapes))


def _state(m, ctx):
    s = m.init_rnn_state(3, 5, ctx.device)
    return {"value": s, "device": s.device.type}


def _split(m, inputs, state, params, k):
    """Running all steps at once equals running k steps, then the rest from that state."""
    out_all, h_all = m.rnn(inputs, state, params)
    out_a, h_a = m.rnn(inputs[:k], state, params)
    out_b, h_b = m.rnn(inputs[k:], h_a, params)
    return bool(torch.allclose(out_all, torch.cat([out_a, out_b]), atol=1e-10)
                and torch.allclose(h_all, h_b, atol=1e-10))


def verify_split(got, expected):
    if not got:
        raise AssertionError("running the sequence in two halves (passing the returned state "
                             "on) gives a different result than one run: use the state you "
                             "are given, carry h_t to the next step, return the last h_t")


def _like_nn_rnn(m, inputs, state, params):
    """Compare with torch's nn.RNN given the same weights (it stores them transposed)."""
    U, W, b, V, c = params
    torch_rnn = nn.RNN(U.shape[0], U.shape[1]).to(device=U.device, dtype=U.dtype)
    with torch.no_grad():
        torch_rnn.weight_ih_l0.copy_(U.T)
        torch_rnn.weight_hh_l0.copy_(W.T)
        torch_rnn.bias_ih_l0.copy_(b)
        torch_rnn.bias_hh_l0.zero_()
        hs, h_n = torch_rnn(inputs, state.unsqueeze(0))
    outputs, h_last = m.rnn(inputs, state, params)
    return bool(torch.allclose(outputs, hs @ V + c, atol=1e-10)
                and torch.allclose(h_last, h_n[0], atol=1e-10))


def verify_like_nn_rnn(got, expected):
    if not got:
        raise AssertionError("your outputs differ from nn.RNN with the same weights: "
                             "h_t = tanh(x_t U + h_(t-1) W + b), o_t = h_t V + c")


def _bptt(m, inputs, state, params):
    leaves = [p.clone().requires_grad_(True) for p in params]
    outputs, h = m.rnn(inputs, state, tuple(leaves))
    weights = torch.linspace(-1, 1, outputs.numel(), dtype=outputs.dtype,
                             device=outputs.device).view_as(outputs)
    ((outputs * weights).sum() + h.sum()).backward()
    return {name: p.grad for name, p in zip("UWbVc", leaves, strict=True)}


@plain_words
def verify_bptt(got, expected):
    for name in "UWbVc":
        if got[name] is None:
            raise AssertionError(f"no gradient reached {name}: use the params you are given, "
                                 "without detaching them")
        try:
            torch.testing.assert_close(got[name], expected[name], rtol=1e-7, atol=1e-9)
        except AssertionError:
            raise AssertionError(f"the gradient of {name} differs: gradients must flow back "
                                 "through every time step, so never detach the hidden state "
                                 "inside the loop") from None


def cases(ctx):
    d, h, q = 4, 6, 3
    params = _params(ctx, d, h, q, seed=1)
    inputs = ctx.randn(7, 2, d, seed=10, dtype=torch.float64)
    state = 0.3 * ctx.randn(2, h, seed=11, dtype=torch.float64)
    zeros = torch.zeros(2, h, dtype=torch.float64, device=ctx.device)
    x1 = ctx.randn(1, 1, d, seed=12, dtype=torch.float64)
    p32 = _params(ctx, 5, 8, 5, seed=20, dtype=torch.float32)
    in32 = ctx.randn(10, 3, 5, seed=21)
    return [
        Case("init_rnn_state: zeros (3, 5) on the device", lambda m: _state(m, ctx)),
        Case("rnn_step: one step", lambda m: m.rnn_step(inputs[0], state, params),
             inputs=(inputs, state, *params)),
        Case("rnn: 7 steps, batch 2, from a given state",
             lambda m: m.rnn(inputs, state, params), inputs=(inputs, state, *params)),
        Case("rnn: from the zero state", lambda m: m.rnn(inputs, zeros, params)),
        Case("rnn: a single step, batch 1",
             lambda m: m.rnn(x1, zeros[:1], params)),
        Case("the state carries over: two halves equal one run",
             lambda m: _split(m, inputs, state, params, 3), verify=verify_split),
        Case("matches nn.RNN given the same weights",
             lambda m: _like_nn_rnn(m, inputs, state, params), verify=verify_like_nn_rnn),
        Case("gradients through time (BPTT) reach U, W, b, V, c",
             lambda m: _bptt(m, inputs, state, params), verify=verify_bptt),
        Case("float32, 10 steps, batch 3", lambda m: m.rnn(in32, torch.zeros(3, 8,
             device=ctx.device), p32), rtol=1e-5, atol=1e-6),
    ]
