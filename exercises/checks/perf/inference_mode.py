import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _model(ctx):
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.5),
                         nn.Linear(16, 3)).to(ctx.device)


def _predict(m, ctx, x, start_training):
    model = _model(ctx)
    model.train(start_training)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    out = m.predict(model, x)
    mode_after = "training" if model.training else "evaluation"
    unchanged = all(torch.equal(v, state[k]) for k, v in model.state_dict().items())
    model.eval()
    with torch.no_grad():
        want = model(x)
    return {"values": out.clone(), "eval-mode values": want,
            "is an inference tensor": out.is_inference(), "requires grad": out.requires_grad,
            "mode afterwards": mode_after,
            "parameters and running statistics unchanged": unchanged}


@plain_words
def verify_predict(got, expected):
    if not got["is an inference tensor"]:
        raise AssertionError("the output is not an inference tensor: compute it under "
                             "torch.inference_mode() (torch.no_grad() does not make one)")
    if got["requires grad"]:
        raise AssertionError("the output requires grad: no graph should be recorded")
    if not got["parameters and running statistics unchanged"]:
        raise AssertionError("the BatchNorm running statistics (or the parameters) changed: "
                             "predict in evaluation mode, model.eval()")
    if not torch.allclose(got["values"], got["eval-mode values"], rtol=1e-5, atol=1e-6):
        raise AssertionError("the output differs from the model's output in evaluation mode "
                             "(dropout must be off)")
    if got["mode afterwards"] != expected["mode afterwards"]:
        raise AssertionError(f"afterwards the model is in {got['mode afterwards']} mode; "
                             f"put it back in {expected['mode afterwards']} mode, as it was")


def _trainable(m, ctx):
    with torch.inference_mode():
        t = ctx.randn(4, 3, seed=5) * 2
    copy = m.to_trainable(t)
    w = ctx.randn(4, 3, seed=6).requires_grad_()
    error = None
    try:
        (copy * w).sum().backward()
    except RuntimeError as exc:
        error = str(exc).splitlines()[0]
    return {"is an inference tensor": copy.is_inference(), "values": copy.detach().clone(),
            "dtype": copy.dtype, "device": copy.device.type, "autograd error": error,
            "gradient reached w": w.grad is not None and torch.equal(w.grad, copy.detach()),
            "the same tensor as t": copy is t}


@plain_words
def verify_trainable(got, expected):
    if got["the same tensor as t"] or got["is an inference tensor"]:
        raise AssertionError("to_trainable returned an inference tensor (detach() keeps it "
                             "one): make a copy outside inference mode, e.g. t.clone()")
    if got["autograd error"]:
        raise AssertionError(f"autograd refused your tensor: {got['autograd error']}")
    torch.testing.assert_close(got["values"], expected["values"])
    if (got["dtype"], got["device"]) != (expected["dtype"], expected["device"]):
        raise AssertionError("keep t's dtype and device")
    if not got["gradient reached w"]:
        raise AssertionError("the gradient did not reach w")


def cases(ctx):
    x = ctx.randn(8, 6, seed=1)
    return [
        Case("predict a model in training mode: eval inside, training again afterwards",
             lambda m: _predict(m, ctx, x, True), verify="verify_predict", inputs=(x,)),
        Case("predict a model in evaluation mode: it stays in evaluation mode",
             lambda m: _predict(m, ctx, x, False), verify="verify_predict"),
        Case("to_trainable: a normal tensor that autograd can use", lambda m: _trainable(m, ctx),
             verify="verify_trainable"),
    ]
