import torch
from torch import nn

from studykit.grading.kit import Case, plain_words

NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _pair_from(bi, k, n_in, H, device):
    """The forward and backward one-layer GRUs holding layer k of a bidirectional nn.GRU."""
    pair = []
    for suffix in ("", "_reverse"):
        gru = nn.GRU(n_in if k == 0 else 2 * H, H, batch_first=True).to(device)
        with torch.no_grad():
            for name in NAMES:
                getattr(gru, name + "_l0").copy_(getattr(bi, f"{name}_l{k}{suffix}"))
        pair.append(gru)
    return tuple(pair)


def _setup(ctx, n_in, H, L, seed):
    torch.manual_seed(seed)
    bi = nn.GRU(n_in, H, num_layers=L, bidirectional=True, batch_first=True).to(ctx.device)
    return bi, [_pair_from(bi, k, n_in, H, ctx.device) for k in range(L)]


def _compare(m, ctx, x, H, L, seed, one_layer=False):
    bi, layers = _setup(ctx, x.shape[2], H, L, seed)
    with torch.no_grad():
        want_out, want_h = bi(x)
        if one_layer:
            output, h_n = m.birnn_layer(x, *layers[0])
        else:
            output, h_n = m.deep_birnn(x, layers)
    return {"output": output, "h_n": h_n, "torch output": want_out, "torch h_n": want_h,
            "L": L, "H": H}


def _close(a, b):
    return tuple(a.shape) == tuple(b.shape) and bool(torch.allclose(a, b, atol=1e-5))


def _h_n_problem(h_n, want, L):
    if tuple(h_n.shape) != tuple(want.shape):
        return (f"h_n has shape {tuple(h_n.shape)}, expected (2 * num_layers, B, H) = "
                f"{tuple(want.shape)}")
    if _close(h_n, want):
        return None
    grouped = torch.cat([want[0::2], want[1::2]])
    if _close(h_n, grouped) and L > 1:
        return ("h_n lists all forward states, then all backward ones; torch orders it layer "
                "by layer: [layer0 forward, layer0 backward, layer1 forward, ...]")
    return ("h_n differs from nn.GRU's: the forward direction's final state is its state "
            "after the last step; the backward direction's after reading back to step 0")


@plain_words
def verify_vs_torch(got, expected):
    out, want = got["output"], got["torch output"]
    H = got["H"]
    if tuple(out.shape) != tuple(want.shape):
        raise AssertionError(f"output has shape {tuple(out.shape)}, expected (B, T, 2H) = "
                             f"{tuple(want.shape)}: both directions side by side")
    if _close(out[..., :H], want[..., H:]) and _close(out[..., H:], want[..., :H]):
        raise AssertionError("put the forward states first and the backward ones second")
    if not _close(out[..., :H], want[..., :H]):
        raise AssertionError("the forward half of output (features 0..H-1) differs from "
                             "nn.GRU's; the backward half must follow it")
    if not _close(out[..., H:], want[..., H:]):
        if _close(out[..., H:], want[..., H:].flip(1)):
            raise AssertionError("the backward half of output runs in reversed order: flip "
                                 "the backward GRU's outputs back along time so that step t "
                                 "lines up with step t")
        raise AssertionError("the backward half of output (features H..2H-1) differs from "
                             "nn.GRU's: run the backward GRU on x reversed along TIME (dim 1)")
    problem = _h_n_problem(got["h_n"], got["torch h_n"], got["L"])
    if problem:
        raise AssertionError(problem)


def cases(ctx):
    x = ctx.randn(2, 5, 3, seed=1)
    x1 = ctx.randn(1, 1, 3, seed=2)
    x4 = ctx.randn(4, 6, 2, seed=3)
    return [
        Case("birnn_layer equals a one-layer bidirectional nn.GRU",
             lambda m: _compare(m, ctx, x, 4, 1, seed=10, one_layer=True),
             verify="verify_vs_torch", inputs=(x,)),
        Case("deep_birnn: 2 layers equal nn.GRU(num_layers=2, bidirectional=True)",
             lambda m: _compare(m, ctx, x, 4, 2, seed=11), verify="verify_vs_torch",
             inputs=(x,)),
        Case("deep_birnn: 3 layers, batch 4, 6 steps, hidden 3",
             lambda m: _compare(m, ctx, x4, 3, 3, seed=12), verify="verify_vs_torch"),
        Case("deep_birnn: one step, batch 1, 2 layers",
             lambda m: _compare(m, ctx, x1, 2, 2, seed=13), verify="verify_vs_torch"),
        Case("deep_birnn: a single layer", lambda m: _compare(m, ctx, x4, 5, 1, seed=14),
             verify="verify_vs_torch"),
    ]
