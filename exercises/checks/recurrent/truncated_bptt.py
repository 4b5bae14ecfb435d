import math

import torch
from torch import nn

from studykit.grading.kit import Case, assert_params_close, model_snapshot, plain_words


def _continues(m, corpus, batch_size, num_steps):
    """Row b of minibatch i + 1 starts right after row b of minibatch i ends."""
    batches = m.sequential_batches(corpus, batch_size, num_steps)
    problems = []
    for i in range(len(batches) - 1):
        end, start = batches[i][0][:, -1], batches[i + 1][0][:, 0]
        if not torch.equal(start, end + 1):
            problems.append(i)
    shifted = all(torch.equal(Y, X + 1) for X, Y in batches)
    return {"breaks": problems, "shifted": shifted, "count": len(batches)}


@plain_words
def verify_continues(got, expected):
    if got["count"] != expected["count"]:
        raise AssertionError(f"expected {expected['count']} minibatches, got {got['count']}")
    if not got["shifted"]:
        raise AssertionError("Y must be X shifted by one position in the corpus (the next "
                             "value to predict)")
    if got["breaks"]:
        i = got["breaks"][0]
        raise AssertionError(f"row b of minibatch {i + 1} does not continue row b of minibatch "
                             f"{i}: reshape the corpus into batch_size long streams first, "
                             "then cut num_steps columns at a time")


def _detach(m, state):
    out = m.detach_state(state)
    if isinstance(state, tuple):
        if not isinstance(out, tuple):
            return {"kind": type(out).__name__}
        return {"kind": "tuple", "values": list(out),
                "detached": [not t.requires_grad and t.grad_fn is None for t in out]}
    if state is None:
        return {"kind": type(out).__name__}
    return {"kind": type(out).__name__, "values": [out],
            "detached": [not out.requires_grad and out.grad_fn is None]}


@plain_words
def verify_detach(got, expected):
    if got["kind"] != expected["kind"]:
        raise AssertionError(f"expected a {expected['kind']}, got a {got['kind']}: return the "
                             "same kind of state you were given")
    if "values" not in expected:
        return
    if not all(got["detached"]):
        raise AssertionError("the returned state is still attached to the graph "
                             "(requires_grad or grad_fn set): call .detach()")
    for a, b in zip(got["values"], expected["values"], strict=True):
        if not torch.equal(a, b):
            raise AssertionError("detaching must not change the state's values")


def _graph_state(ctx, seed):
    torch.manual_seed(seed)
    w = torch.randn(2, 3, requires_grad=True)
    return (w * 2).to(ctx.device)


def _train(m, ctx, kind, batches, lr, seed):
    torch.manual_seed(seed)
    cls = {"gru": nn.GRU, "lstm": nn.LSTM, "rnn": nn.RNN}[kind]
    rnn = cls(1, 8, batch_first=True).to(ctx.device)
    head = nn.Linear(8, 1).to(ctx.device)
    losses = m.train_epoch(rnn, head, batches, lr)
    return {"losses": losses, **model_snapshot(nn.ModuleList([rnn, head]))}


@plain_words
def verify_training(got, expected):
    losses, want = got["losses"], expected["losses"]
    if not isinstance(losses, list) or not all(isinstance(v, float) for v in losses):
        raise AssertionError("return a list of Python floats (loss.item()), one per minibatch")
    if len(losses) != len(want):
        raise AssertionError(f"expected {len(want)} losses (one per minibatch), got "
                             f"{len(losses)}")
    for i, (a, b) in enumerate(zip(losses, want, strict=True)):
        if not math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6):
            if i == 0:
                why = ("the first loss differs: start from state None and use "
                       "F.mse_loss(head(output), Y)")
            else:
                why = ("carry the state returned for the previous minibatch into this one "
                       "(do not restart from None), detach it first (no retain_graph), "
                       "clear the gradients before every backward, and step once per "
                       "minibatch")
            raise AssertionError(f"minibatch {i}: loss {a:.6g}, expected {b:.6g}; {why}")
    assert_params_close(got["params"], expected["params"],
                        "the losses match but the final parameters differ: take one "
                        "sgd_step after every backward, the last minibatch included")


def _series(ctx, n):
    t = torch.arange(n, dtype=torch.float32)
    return (torch.sin(0.1 * t) + 0.1 * torch.sin(0.37 * t)).to(ctx.device)


def _stream_batches(ctx, n, batch_size, num_steps):
    """Sequentially partitioned (B, T, 1) minibatches, built here (not by the learner)."""
    corpus = _series(ctx, n)
    m = (len(corpus) - 1) // batch_size * batch_size
    Xs, Ys = corpus[:m].reshape(batch_size, -1), corpus[1:m + 1].reshape(batch_size, -1)
    return [(Xs[:, i:i + num_steps, None], Ys[:, i:i + num_steps, None])
            for i in range(0, Xs.shape[1] - num_steps + 1, num_steps)]


def cases(ctx):
    corpus = torch.arange(23, device=ctx.device)
    gru_batches = _stream_batches(ctx, 200, 4, 7)
    lstm_batches = _stream_batches(ctx, 121, 3, 5)
    return [
        Case("sequential_batches(arange(23), batch_size 2, num_steps 3)",
             lambda m: m.sequential_batches(corpus, 2, 3), inputs=(corpus,)),
        Case("rows continue from one minibatch to the next (batch 3, 4 steps)",
             lambda m: _continues(m, torch.arange(50, device=ctx.device), 3, 4),
             verify="verify_continues"),
        Case("sequential_batches: batch_size 1, and an exact fit",
             lambda m: [m.sequential_batches(torch.arange(10, device=ctx.device), 1, 3),
                        m.sequential_batches(torch.arange(13, device=ctx.device), 4, 3)]),
        Case("a corpus length that batch_size divides: its last value has no next one",
             lambda m: [m.sequential_batches(torch.arange(8, device=ctx.device), 1, 4),
                        m.sequential_batches(torch.arange(12, device=ctx.device), 2, 3)]),
        Case("sequential_batches: num_steps longer than a stream gives no minibatch",
             lambda m: m.sequential_batches(torch.arange(9, device=ctx.device), 2, 5)),
        Case("detach_state: a tensor", lambda m: _detach(m, _graph_state(ctx, 1)),
             verify="verify_detach"),
        Case("detach_state: an LSTM (h, c) tuple",
             lambda m: _detach(m, (_graph_state(ctx, 2), _graph_state(ctx, 3))),
             verify="verify_detach"),
        Case("detach_state: None", lambda m: _detach(m, None), verify="verify_detach"),
        Case("train_epoch: GRU, 7 minibatches of 4 streams",
             lambda m: _train(m, ctx, "gru", gru_batches, 0.5, seed=10),
             verify="verify_training"),
        Case("train_epoch: LSTM, (h, c) carried and detached",
             lambda m: _train(m, ctx, "lstm", lstm_batches, 0.5, seed=11),
             verify="verify_training"),
        Case("train_epoch: a single minibatch (plain RNN)",
             lambda m: _train(m, ctx, "rnn", gru_batches[:1], 0.1, seed=12),
             verify="verify_training"),
    ]
