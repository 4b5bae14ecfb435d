import math

import torch
from torch import nn

from studykit.grading.kit import (
    Case,
    assert_params_close,
    assert_same_device,
    model_snapshot,
    plain_words,
)


def _model(ctx, d, k, seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Dropout(0.5),
                         nn.Linear(32, k)).to(ctx.device)


def _watch(model):
    """Record (dropout active?, grad enabled?) at every forward through the dropout layer."""
    log = []
    model[2].register_forward_hook(
        lambda mod, inp, out: log.append((mod.training, torch.is_grad_enabled())))
    return log


def _clusters(ctx, n, d, k, seed):
    centers = ctx.to(3.0 * torch.eye(d)[:k])
    y = ctx.randint(0, k, (n,), seed=seed)
    return centers[y] + ctx.randn(n, d, seed=seed + 1), y


def _params(model):
    return [p.detach().clone() for p in model.parameters()]


def _evaluate(m, ctx, X, y, batch_size, start_in_train=True):
    model = _model(ctx, X.shape[1], 3, seed=7)
    model.train(start_in_train)
    log = _watch(model)
    before = _params(model)
    acc = m.evaluate(model, X, y, batch_size)
    after = _params(model)
    return {"accuracy": acc, "log": log,
            "unchanged": all(torch.equal(a, b) for a, b in zip(before, after, strict=True)),
            "no grads": all(p.grad is None for p in model.parameters()),
            "device": after[0].device.type}


@plain_words
def verify_evaluate(got, expected):
    log = got["log"]
    if not log:
        raise AssertionError("evaluate never ran the model")
    if any(training for training, _ in log):
        raise AssertionError("dropout was active during evaluate: call model.eval() before "
                             "the validation loop")
    if any(grad for _, grad in log):
        raise AssertionError("evaluate built an autograd graph: run the validation loop "
                             "inside `with torch.no_grad():`")
    if not (got["unchanged"] and got["no grads"]):
        raise AssertionError("evaluate changed the parameters or their gradients; it must "
                             "only run the model forward")
    assert_same_device(got, expected)
    acc, want = got["accuracy"], expected["accuracy"]
    if isinstance(acc, bool) or not isinstance(acc, (int, float)):
        raise AssertionError(f"evaluate must return a float, got {acc!r}")
    if not math.isclose(acc, want, abs_tol=1e-6):
        raise AssertionError(f"accuracy {acc:.4f}, expected {want:.4f}: the fraction of ALL "
                             "examples whose argmax equals the label")


def _train_epoch(m, ctx, X, y, batch_size, lr):
    model = _model(ctx, X.shape[1], 3, seed=11)
    model.eval()  # as if evaluate() had just run
    log = _watch(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss = m.train_epoch(model, optimizer, X, y, batch_size)
    return {"loss": loss, "log": log, **model_snapshot(model)}


@plain_words
def verify_train_epoch(got, expected):
    log = got["log"]
    if len(log) != len(expected["log"]):
        raise AssertionError(f"expected {len(expected['log'])} forward passes (one per "
                             f"minibatch), got {len(log)}")
    if not all(training for training, _ in log):
        raise AssertionError("dropout was off while training: call model.train() at the "
                             "start of train_epoch (evaluate leaves the model in eval mode)")
    assert_same_device(got, expected)
    loss = got["loss"]
    if isinstance(loss, bool) or not isinstance(loss, (int, float)):
        raise AssertionError(f"train_epoch must return the mean loss as a float, got {loss!r}")
    if not math.isclose(loss, expected["loss"], rel_tol=1e-4, abs_tol=1e-6):
        raise AssertionError(f"mean loss {loss:.6g}, expected {expected['loss']:.6g}: the mean "
                             "of the minibatch CrossEntropyLoss values, with zero_grad, "
                             "backward and step once per in-order minibatch")
    assert_params_close(got["params"], expected["params"],
                        "the parameters after one epoch differ from the reference: "
                        "zero_grad, backward and step once per in-order minibatch")


def _fit(m, ctx, data, epochs):
    X, y, Xv, yv = data
    model = _model(ctx, X.shape[1], 3, seed=13)
    log = _watch(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    accs, modes = [], []
    for _ in range(epochs):
        m.train_epoch(model, optimizer, X, y, 20)
        modes.append(all(t and g for t, g in log))
        log.clear()
        accs.append(m.evaluate(model, Xv, yv, 50))
        modes.append(not any(t or g for t, g in log))
        log.clear()
    return {"accs": accs, "modes": modes}


@plain_words
def verify_fit(got, expected):
    modes = got["modes"]
    if not all(modes[0::2]):
        raise AssertionError("in a train_epoch after an evaluate, dropout was off or gradients "
                             "were disabled: call model.train() at the start of train_epoch")
    if not all(modes[1::2]):
        raise AssertionError("in an evaluate after a train_epoch, dropout was on or a graph was "
                             "built: model.eval() and torch.no_grad() when validating")
    final = float(got["accs"][-1])
    if final < 0.9:
        raise AssertionError(f"validation accuracy after {len(got['accs'])} epochs is "
                             f"{final:.3f}; it should reach 0.9 (reference: "
                             f"{float(expected['accs'][-1]):.3f})")


def cases(ctx):
    Xe, ye = _clusters(ctx, 90, 10, 3, seed=1)
    Xt, yt = _clusters(ctx, 100, 10, 3, seed=3)
    data = (*_clusters(ctx, 200, 10, 3, seed=5), *_clusters(ctx, 200, 10, 3, seed=7))
    Xo, yo = _clusters(ctx, 97, 10, 3, seed=9)  # batches of 16: the last holds one example
    return [
        Case("evaluate: eval mode, no graph, accuracy over 90 examples (batch 32)",
             lambda m: _evaluate(m, ctx, Xe, ye, 32), verify=verify_evaluate,
             inputs=(Xe, ye)),
        Case("evaluate: one batch holding all examples",
             lambda m: _evaluate(m, ctx, Xe, ye, 90), verify=verify_evaluate),
        Case("evaluate: a model left in eval mode stays correct",
             lambda m: _evaluate(m, ctx, Xe, ye, 25, start_in_train=False),
             verify=verify_evaluate),
        Case("train_epoch: back to training mode, mean loss and parameters after one epoch",
             lambda m: _train_epoch(m, ctx, Xt, yt, 16, 0.2), verify=verify_train_epoch,
             inputs=(Xt, yt)),
        Case("train_epoch: the last batch holds a single example (97 examples, batch 16)",
             lambda m: _train_epoch(m, ctx, Xo, yo, 16, 0.2), verify=verify_train_epoch),
        Case("evaluate: the last batch holds a single example (97 examples, batch 16)",
             lambda m: _evaluate(m, ctx, Xo, yo, 16), verify=verify_evaluate),
        Case("5 rounds of train_epoch + evaluate reach 90% validation accuracy",
             lambda m: _fit(m, ctx, data, 5), verify=verify_fit),
    ]
