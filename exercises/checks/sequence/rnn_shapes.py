import random

import torch
from torch import nn

from studykit.grading.kit import Case, plain_words

KEYS = ("batch", "num_steps", "input_size", "hidden_size", "num_layers", "bidirectional",
        "batch_first")


def _configs(seed, n):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        out.append({"batch": rng.randint(1, 4), "num_steps": rng.randint(1, 6),
                    "input_size": rng.randint(1, 5), "hidden_size": rng.randint(2, 7),
                    "num_layers": rng.randint(1, 3), "bidirectional": i % 2 == 1,
                    "batch_first": i % 4 >= 2})
    return out


def _run(kind, cfg, ctx):
    cls = nn.LSTM if kind == "lstm" else nn.GRU
    torch.manual_seed(0)
    layer = cls(cfg["input_size"], cfg["hidden_size"], num_layers=cfg["num_layers"],
                bidirectional=cfg["bidirectional"], batch_first=cfg["batch_first"])
    layer = layer.to(ctx.device)
    dims = ((cfg["batch"], cfg["num_steps"]) if cfg["batch_first"]
            else (cfg["num_steps"], cfg["batch"]))
    x = ctx.randn(*dims, cfg["input_size"], seed=1)
    with torch.no_grad():
        output, state = layer(x)
    states = state if kind == "lstm" else (state,)
    return [tuple(output.shape), *[tuple(s.shape) for s in states]]


def _predict(m, kind, ctx, configs):
    fn = m.lstm_shapes if kind == "lstm" else m.gru_shapes
    return [{"config": cfg, "said": fn(*[cfg[k] for k in KEYS]), "actual": _run(kind, cfg, ctx)}
            for cfg in configs]


def _as_shapes(value, n):
    try:
        shapes = [tuple(int(d) for d in s) for s in value]
    except TypeError:
        return None
    return shapes if len(shapes) == n else None


@plain_words
def verify_shapes(got, expected):
    for row in got:
        cfg, actual = row["config"], row["actual"]
        names = ["output", "h_n", "c_n"][:len(actual)]
        said = _as_shapes(row["said"], len(actual))
        where = ", ".join(f"{k}={cfg[k]}" for k in KEYS)
        if said is None:
            raise AssertionError(f"for {where}: return a tuple of {len(actual)} shapes "
                                 f"({', '.join(names)}), each a tuple of ints")
        for name, s, a in zip(names, said, actual, strict=True):
            if s != a:
                tip = ""
                if name != "output" and cfg["batch_first"]:
                    tip = " (batch_first does not change the states' layout)"
                elif name == "output" and cfg["bidirectional"]:
                    tip = " (both directions are concatenated in the features)"
                raise AssertionError(f"for {where}: {name} has shape {a}, you said {s}{tip}")


def _last_state(m, ctx, layers, bidirectional, batch_first):
    torch.manual_seed(1)
    gru = nn.GRU(3, 4, num_layers=layers, bidirectional=bidirectional,
                 batch_first=batch_first).to(ctx.device)
    x = ctx.randn(2, 5, 3, seed=2) if batch_first else ctx.randn(5, 2, 3, seed=2)
    with torch.no_grad():
        output, h_n = gru(x)
    got = m.last_layer_state(h_n, layers, bidirectional)
    out_bf = output if batch_first else output.transpose(0, 1)
    forward_last = out_bf[:, -1, :4]   # forward direction, last step
    backward_first = out_bf[:, 0, 4:]  # backward direction ends at step 0
    want = torch.cat([forward_last, backward_first], dim=1) if bidirectional else forward_last
    return {"value": got, "matches output": got.shape == want.shape
            and bool(torch.allclose(got, want, atol=1e-6))}


@plain_words
def verify_last_state(got, expected):
    if not got["matches output"]:
        raise AssertionError("the result should equal the last layer's final states, which "
                             "also appear in `output` (forward direction at the last step, "
                             "backward direction at step 0); h_n is ordered [layer0 forward, "
                             "layer0 backward, layer1 forward, ...]")
    want = expected["value"]
    if tuple(got["value"].shape) != tuple(want.shape):
        raise AssertionError(f"expected shape {tuple(want.shape)}, got "
                             f"{tuple(got['value'].shape)}")


def cases(ctx):
    fixed = [{"batch": 2, "num_steps": 5, "input_size": 3, "hidden_size": 4, "num_layers": 1,
              "bidirectional": False, "batch_first": False},
             {"batch": 2, "num_steps": 5, "input_size": 3, "hidden_size": 4, "num_layers": 2,
              "bidirectional": True, "batch_first": True}]
    return [
        Case("LSTM: one layer, time first; two bidirectional layers, batch first",
             lambda m: _predict(m, "lstm", ctx, fixed), verify=verify_shapes),
        Case("LSTM: 8 random configurations",
             lambda m: _predict(m, "lstm", ctx, _configs(3, 8)), verify=verify_shapes),
        Case("GRU: one layer, time first; two bidirectional layers, batch first",
             lambda m: _predict(m, "gru", ctx, fixed), verify=verify_shapes),
        Case("GRU: 8 random configurations",
             lambda m: _predict(m, "gru", ctx, _configs(4, 8)), verify=verify_shapes),
        Case("last_layer_state: 1 layer, one direction",
             lambda m: _last_state(m, ctx, 1, False, False), verify=verify_last_state),
        Case("last_layer_state: 2 layers, one direction, batch first",
             lambda m: _last_state(m, ctx, 2, False, True), verify=verify_last_state),
        Case("last_layer_state: 1 layer, bidirectional",
             lambda m: _last_state(m, ctx, 1, True, False), verify=verify_last_state),
        Case("last_layer_state: 3 layers, bidirectional, batch first",
             lambda m: _last_state(m, ctx, 3, True, True), verify=verify_last_state),
    ]
