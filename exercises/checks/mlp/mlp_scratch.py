import torch
import torch.nn.functional as F

from studykit.grading.kit import Case, plain_words


def _init(m, sizes, seed):
    params = m.init_params(*sizes, generator=torch.Generator().manual_seed(seed))
    if not isinstance(params, (list, tuple)) or len(params) != 4:
        raise AssertionError("init_params must return the list [W1, b1, W2, b2]")
    return {"values": [p.detach().clone() for p in params],
            "leaf tensors that require grad": [bool(p.is_leaf and p.requires_grad)
                                               for p in params]}


def _params(ctx, sizes, seed, dtype=torch.float32):
    n_in, n_h, n_out = sizes
    W1 = ctx.randn(n_in, n_h, seed=seed, dtype=dtype) * 0.5
    b1 = ctx.randn(n_h, seed=seed + 1, dtype=dtype) * 0.5
    W2 = ctx.randn(n_h, n_out, seed=seed + 2, dtype=dtype) * 0.5
    b2 = ctx.randn(n_out, seed=seed + 3, dtype=dtype) * 0.5
    return [t.requires_grad_() for t in (W1, b1, W2, b2)]


def _grads(m, ctx, X, y):
    params = _params(ctx, (16, 8, 3), seed=40, dtype=torch.float64)
    F.cross_entropy(m.net(X, params), y).backward()
    return {name: p.grad for name, p in zip(("W1", "b1", "W2", "b2"), params, strict=True)}


@plain_words
def verify_int(got, expected):
    if type(got) is not int:
        raise AssertionError(f"return a Python int, got {type(got).__name__} {got!r}")
    if got != expected:
        raise AssertionError(f"expected {expected} learnable numbers, got {got}: count the "
                             "weights and the biases of both layers")


def cases(ctx):
    imgs = ctx.randn(5, 1, 4, 4, seed=1, dtype=torch.float64)
    flat = ctx.randn(6, 16, seed=2, dtype=torch.float64)
    p64 = _params(ctx, (16, 8, 3), seed=10, dtype=torch.float64)
    S = ctx.randn(4, 5, seed=3) * 3
    big = ctx.tensor([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0], [0.0, 0.0, 0.0]])
    wide = ctx.tensor([[100.0, -100.0, 0.0], [-150.0, 50.0, 49.0]])
    y = ctx.tensor([0, 2, 1, 1, 0])
    return [
        Case("init_params(784, 256, 10) with a seeded generator: W1 then W2, zero biases",
             lambda m: _init(m, (784, 256, 10), seed=0)),
        Case("init_params(5, 3, 2): shapes, values, leaves with requires_grad",
             lambda m: _init(m, (5, 3, 2), seed=1)),
        Case("relu", lambda m: m.relu(S), inputs=(S,)),
        Case("net on flat inputs (6, 16) -> (6, 3)", lambda m: m.net(flat, p64),
             inputs=(flat,)),
        Case("net flattens images (5, 1, 4, 4) to (5, 16)", lambda m: m.net(imgs, p64),
             inputs=(imgs,)),
        Case("gradients reach W1, b1, W2 and b2 (cross-entropy on images)",
             lambda m: _grads(m, ctx, imgs, y)),
        Case("softmax of 4x5 scores", lambda m: m.softmax(S), inputs=(S,)),
        Case("softmax of huge scores has no nan", lambda m: m.softmax(big)),
        Case("softmax of rows spread over 200 (shift by the row max, not the min)",
             lambda m: m.softmax(wide)),
        Case("softmax rows sum to 1", lambda m: m.softmax(S * 10).sum(dim=1)),
        Case("num_params(784, 256, 10)", lambda m: m.num_params(784, 256, 10),
             verify="verify_int"),
        Case("num_params(2, 3, 1)", lambda m: m.num_params(2, 3, 1), verify="verify_int"),
    ]
