import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _rnn(ctx, kind, n_in, H, layers=1, bidirectional=False, seed=0):
    torch.manual_seed(seed)
    cls = {"gru": nn.GRU, "lstm": nn.LSTM, "rnn": nn.RNN}[kind]
    return cls(n_in, H, num_layers=layers, bidirectional=bidirectional,
               batch_first=True).to(ctx.device)


def _alone(rnn, padded, lengths):
    """Run every sequence alone, unpadded: the ground truth."""
    outputs, finals = [], []
    for b, n in enumerate(lengths.tolist()):
        out, state = rnn(padded[b:b + 1, :n])
        full = torch.zeros(1, padded.shape[1], out.shape[2], device=out.device)
        full[:, :n] = out
        outputs.append(full)
        finals.append(state)
    if isinstance(finals[0], tuple):
        h_n = tuple(torch.cat([f[i] for f in finals], dim=1) for i in range(2))
    else:
        h_n = torch.cat(finals, dim=1)
    return torch.cat(outputs), h_n


def _as_list(h):
    return list(h) if isinstance(h, tuple) else [h]


def _vs_alone(m, ctx, kind, padded, lengths, **kw):
    rnn = _rnn(ctx, kind, padded.shape[2], 4, **kw)
    with torch.no_grad():
        output, h_n = m.run_packed(rnn, padded, lengths)
        want_out, want_h = _alone(rnn, padded, lengths)
    return {"output": output, "h_n": _as_list(h_n), "alone output": want_out,
            "alone h_n": _as_list(want_h), "lengths": lengths.tolist()}


def _close(a, b):
    return tuple(a.shape) == tuple(b.shape) and bool(torch.allclose(a, b, atol=1e-5))


@plain_words
def verify_vs_alone(got, expected):
    out, want = got["output"], got["alone output"]
    if tuple(out.shape) != tuple(want.shape):
        raise AssertionError(f"output has shape {tuple(out.shape)}, expected {tuple(want.shape)}"
                             ": unpack with total_length=T so that the output keeps all T "
                             "steps even when every sequence is shorter")
    lengths = got["lengths"]
    for b, n in enumerate(lengths):
        if out[b, n:].abs().max().item() if n < out.shape[1] else 0.0:
            raise AssertionError(f"sequence {b} (length {n}) has non-zero outputs at its "
                                 "padded steps: pack the batch so the RNN skips the padding")
    if not _close(out, want):
        raise AssertionError("output differs from running each sequence alone, unpadded: "
                             "pack with the true lengths")
    if len(got["h_n"]) != len(got["alone h_n"]):
        raise AssertionError("return h_n exactly as the RNN returns it (for an LSTM the "
                             "(h_n, c_n) tuple)")
    for h, w in zip(got["h_n"], got["alone h_n"], strict=True):
        if not _close(h, w):
            raise AssertionError("the final state differs from running each sequence alone: "
                                 "with padding the RNN reads the padding steps too; pack "
                                 "the batch (enforce_sorted=False keeps the original order)")


def _last_matches_h_n(m, ctx, padded, lengths):
    rnn = _rnn(ctx, "gru", padded.shape[2], 4, seed=9)
    with torch.no_grad():
        output, h_n = m.run_packed(rnn, padded, lengths)
        last = m.last_valid_output(output, lengths)
    return bool(torch.allclose(last, h_n[-1], atol=1e-6))


def verify_last(got, expected):
    if not got:
        raise AssertionError("for a one-layer, one-direction GRU the output at each "
                             "sequence's last real step equals its final state h_n[-1]; "
                             "take step lengths[b] - 1, not the last column")


def cases(ctx):
    lengths = ctx.tensor([2, 5, 3, 5])
    padded = ctx.randn(4, 5, 3, seed=1)
    short = ctx.tensor([3, 1, 2])          # longest 3 < T = 6
    padded6 = ctx.randn(3, 6, 3, seed=2)
    out = ctx.randn(3, 4, 2, seed=3)
    return [
        Case("GRU, unsorted lengths [2, 5, 3, 5]: equals running each sequence alone",
             lambda m: _vs_alone(m, ctx, "gru", padded, lengths, seed=1),
             verify="verify_vs_alone", inputs=(padded, lengths)),
        Case("every sequence shorter than T: output keeps T steps",
             lambda m: _vs_alone(m, ctx, "gru", padded6, short, seed=2),
             verify="verify_vs_alone"),
        Case("LSTM: (h_n, c_n) of each sequence's last real step",
             lambda m: _vs_alone(m, ctx, "lstm", padded, lengths, seed=3),
             verify="verify_vs_alone"),
        Case("2-layer bidirectional GRU",
             lambda m: _vs_alone(m, ctx, "gru", padded6, short, layers=2,
                                 bidirectional=True, seed=4), verify="verify_vs_alone"),
        Case("plain RNN, batch of one full-length sequence",
             lambda m: _vs_alone(m, ctx, "rnn", padded[:1], ctx.tensor([5]), seed=5),
             verify="verify_vs_alone"),
        Case("last_valid_output: lengths [4, 1, 2]",
             lambda m: m.last_valid_output(out, ctx.tensor([4, 1, 2])), inputs=(out,)),
        Case("last_valid_output equals h_n[-1] of a one-layer GRU",
             lambda m: _last_matches_h_n(m, ctx, padded, lengths), verify="verify_last"),
    ]
