import torch
from torch import nn

from studykit.grading.kit import Case, check_parameter_names, load_named_weights


def _spec(n_in, n_h, n_out):
    return [("hidden.weight", (n_h, n_in)), ("hidden.bias", (n_h,)),
            ("out.weight", (n_out, n_h)), ("out.bias", (n_out,))]


def _model(m, ctx, sizes, dropout=0.0, seed=1):
    model = m.MLP(*sizes, dropout=dropout)
    return load_named_weights(model, _spec(*sizes), ctx, seed=seed, scale=0.5)


def _names(m):
    model = m.MLP(16, 8, 3, dropout=0.2)
    check_parameter_names(model, _spec(16, 8, 3))
    return {"parameters": [(k, tuple(v.shape)) for k, v in model.named_parameters()],
            "dropout p": model.dropout.p, "hidden is nn.Linear": isinstance(model.hidden, nn.Linear),
            "out is nn.Linear": isinstance(model.out, nn.Linear)}


def _eval_forward(m, ctx, X):
    model = _model(m, ctx, (16, 8, 3), dropout=0.5)
    model.eval()
    return model(X)


def _train_forward(m, ctx, X):
    model = _model(m, ctx, (16, 8, 3), dropout=0.5)
    model.train()
    torch.manual_seed(123)
    return model(X)


def _grads(m, ctx, X, y):
    model = _model(m, ctx, (16, 8, 3))
    nn.functional.cross_entropy(model(X), y).backward()
    return {name: p.grad for name, p in model.named_parameters()}


def _sequential(m, ctx, X):
    model = _model(m, ctx, (16, 8, 3), dropout=0.3)
    seq = m.as_sequential(model)
    if not isinstance(seq, nn.Sequential):
        raise AssertionError(f"as_sequential must return an nn.Sequential, got "
                             f"{type(seq).__name__}")
    layers = [type(layer).__name__ for layer in seq]
    if layers != ["Flatten", "Linear", "ReLU", "Dropout", "Linear"]:
        raise AssertionError(f"expected the layers Flatten, Linear, ReLU, Dropout, Linear; "
                             f"got {', '.join(layers)}")
    model.eval()
    seq.eval()
    return {"layers": layers,
            "state_dict keys": list(seq.state_dict()),
            "dropout p": [layer.p for layer in seq if isinstance(layer, nn.Dropout)],
            "the same hidden layer object": len(seq) > 1 and seq[1] is model.hidden,
            "the same output layer object": len(seq) > 4 and seq[4] is model.out,
            "outputs in eval mode": seq(X).detach(),
            "equals the MLP's outputs": torch.equal(seq(X), model(X))}


def _train_shared(m, ctx, X, y):
    """One SGD step on the Sequential moves the MLP's own weights."""
    model = _model(m, ctx, (16, 8, 3))
    seq = m.as_sequential(model)
    nn.functional.cross_entropy(seq(X), y).backward()
    with torch.no_grad():
        for p in seq.parameters():
            p -= 0.5 * p.grad
    return {name: p.detach().clone() for name, p in model.named_parameters()}


def cases(ctx):
    imgs = ctx.randn(5, 1, 4, 4, seed=10)
    flat = ctx.randn(6, 16, seed=11)
    y = ctx.tensor([0, 2, 1, 1, 0])
    return [
        Case("attributes hidden, dropout, out and their parameter names", _names),
        Case("forward with loaded weights on flat inputs (6, 16), eval mode",
             lambda m: _eval_forward(m, ctx, flat), inputs=(flat,)),
        Case("forward flattens images (5, 1, 4, 4), eval mode (dropout off)",
             lambda m: _eval_forward(m, ctx, imgs), inputs=(imgs,)),
        Case("training mode: dropout 0.5 after the hidden ReLU (seeded)",
             lambda m: _train_forward(m, ctx, imgs)),
        Case("gradients of the cross-entropy reach all four parameters",
             lambda m: _grads(m, ctx, imgs, y)),
        Case("as_sequential: Flatten, the same Linear, ReLU, the same Dropout, the same Linear",
             lambda m: _sequential(m, ctx, imgs)),
        Case("training the Sequential trains the MLP (shared layers)",
             lambda m: _train_shared(m, ctx, imgs, y)),
    ]
