import io

import torch
from torch import nn

from studykit.grading.kit import Case

NOT_A_STATE_DICT = ("the saved data is not a plain state dict; "
                    "save model.state_dict(), not the model object")


class _MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 64)
        self.output = nn.Linear(64, 10)

    def forward(self, X):
        return self.output(torch.relu(self.hidden(X)))


def _bn_net():
    return nn.Sequential(nn.Linear(6, 12), nn.BatchNorm1d(12), nn.ReLU(), nn.Linear(12, 3))


def _built(factory, seed):
    torch.manual_seed(seed)
    return factory()


def _saved(m, net):
    buf = io.BytesIO()
    m.save_params(net, buf)
    buf.seek(0)
    try:
        state = torch.load(buf, weights_only=True)
    except Exception:  # noqa: BLE001 - a whole pickled model is refused
        return None
    return state if isinstance(state, dict) else None


def _saved_keys(m):
    state = _saved(m, _built(_MLP, 1))
    return NOT_A_STATE_DICT if state is None else sorted(state)


def _saved_values(m):
    state = _saved(m, _built(_MLP, 1))
    return NOT_A_STATE_DICT if state is None else [state[k] for k in sorted(state)]


def _round_trip_bytes(m, x):
    net = _built(_MLP, 1)
    buf = io.BytesIO()
    m.save_params(net, buf)
    buf.seek(0)
    clone = m.load_params(_built(_MLP, 2), buf)
    with torch.no_grad():
        return {"original": net(x), "clone": clone(x)}


def _round_trip_file(m, x):
    net = _built(_MLP, 3)
    m.save_params(net, "mlp.params")
    clone = m.load_params(_built(_MLP, 4), "mlp.params")
    with torch.no_grad():
        return clone(x)


def _trained_bn_net():
    net = _built(_bn_net, 5)
    g = torch.Generator().manual_seed(5)
    with torch.no_grad():  # running statistics as if it had seen a few batches
        net[1].running_mean.copy_(torch.randn(12, generator=g))
        net[1].running_var.copy_(torch.rand(12, generator=g) + 0.5)
        net[1].num_batches_tracked.fill_(3)
    return net


def _bn_round_trip(m, x):
    net = _trained_bn_net()
    buf = io.BytesIO()
    m.save_params(net, buf)
    buf.seek(0)
    clone = m.load_params(_built(_bn_net, 6), buf)
    with torch.no_grad():
        return {"running_mean": clone[1].running_mean, "running_var": clone[1].running_var,
                "num_batches_tracked": clone[1].num_batches_tracked, "output": clone(x)}


def _bn_keys(m):
    state = _saved(m, _trained_bn_net())
    return NOT_A_STATE_DICT if state is None else sorted(state)


def _returns_eval_model(m):
    buf = io.BytesIO()
    m.save_params(_built(_MLP, 1), buf)
    buf.seek(0)
    fresh = _built(_MLP, 2)
    fresh.train()
    clone = m.load_params(fresh, buf)
    return {"returned the same model object": clone is fresh,
            "in training mode": bool(fresh.training)}


def cases(ctx):
    x = ctx.randn(5, 20, seed=1)
    xb = ctx.randn(8, 6, seed=2)
    return [
        Case("saved data is a state dict with the model's keys", _saved_keys),
        Case("saved values are the model's parameters", _saved_values),
        Case("round trip through io.BytesIO gives the same outputs",
             lambda m: _round_trip_bytes(m, x)),
        Case("round trip through a file path", lambda m: _round_trip_file(m, x)),
        Case("load_params returns the same model, in eval mode", _returns_eval_model),
        Case("BatchNorm buffers are saved too", _bn_keys),
        Case("BatchNorm running statistics survive the round trip",
             lambda m: _bn_round_trip(m, xb)),
    ]
