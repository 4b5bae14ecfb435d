import torch

from studykit.grading.kit import Case, plain_words

F64 = torch.float64


def _leaf(t):
    return t.detach().clone().requires_grad_(True)


def _grads(loss_fn, source, target):
    """The loss, the gradient reaching the source, and whether the target got one."""
    source, target = _leaf(source), _leaf(target)
    loss = loss_fn(source, target)
    loss.backward()
    return {"loss": loss.detach(), "grad": source.grad,
            "target grad": target.grad is not None}


@plain_words
def verify_grads(got, expected):
    if got["target grad"]:
        raise AssertionError("the target (content features or style Gram matrix) received a "
                             "gradient: it is a constant, detach it")
    if got["grad"] is None:
        raise AssertionError("no gradient reached Y_hat: compute the loss with torch "
                             "operations on Y_hat, without detaching it")
    torch.testing.assert_close(got["loss"], expected["loss"],
                               msg=f"the loss is {got['loss'].item():.6g}, expected "
                                   f"{expected['loss'].item():.6g}")
    torch.testing.assert_close(got["grad"], expected["grad"],
                               msg="the gradient reaching Y_hat differs from the reference's")


def _tv_grad(m, X):
    leaf = _leaf(X)
    loss = m.tv_loss(leaf)
    loss.backward()
    return {"loss": loss.detach(), "grad": leaf.grad}


def _features(ctx, seed, dtype=torch.float32):
    return [ctx.randn(1, 4, 6, 6, seed=seed, dtype=dtype),
            ctx.randn(1, 8, 3, 3, seed=seed + 1, dtype=dtype)]


def _total(m, ctx, weights=None):
    X = ctx.rand(1, 3, 12, 12, seed=30, dtype=F64)
    contents_hat, contents = _features(ctx, 31, F64), _features(ctx, 33, F64)
    styles_hat = _features(ctx, 35, F64)
    styles_gram = [_reference_gram(y) for y in _features(ctx, 37, F64)]
    args = (X, contents_hat, styles_hat, contents, styles_gram)
    return m.total_loss(*args) if weights is None else m.total_loss(*args, *weights)


def _reference_gram(X):
    B, C, H, W = X.shape
    f = X.reshape(B, C, H * W)
    return torch.einsum("bip,bjp->bij", f, f) / (C * H * W)


def cases(ctx):
    X = ctx.randn(1, 3, 4, 5, seed=1)
    batch = ctx.randn(2, 4, 3, 3, seed=2)
    wide = ctx.randn(1, 6, 2, 7, seed=3, dtype=F64)
    Y_hat, Y = ctx.randn(1, 4, 5, 5, seed=4), ctx.randn(1, 4, 5, 5, seed=5)
    S_hat = ctx.randn(2, 3, 4, 4, seed=6, dtype=F64)
    S_gram = _reference_gram(ctx.randn(2, 3, 6, 6, seed=7, dtype=F64))
    img = ctx.rand(2, 3, 5, 6, seed=8, dtype=F64)
    return [
        Case("gram of a (1, 3, 4, 5) feature map: (1, 3, 3)", lambda m: m.gram(X),
             inputs=(X,), rtol=1e-5, atol=1e-6),
        Case("gram of a batch of 2: one Gram matrix per example", lambda m: m.gram(batch),
             inputs=(batch,), rtol=1e-5, atol=1e-6),
        Case("gram in float64, 6 channels of 2 x 7", lambda m: m.gram(wide)),
        Case("content_loss value", lambda m: m.content_loss(Y_hat, Y), inputs=(Y_hat, Y),
             rtol=1e-5, atol=1e-7),
        Case("content_loss: gradient reaches Y_hat, none reaches Y",
             lambda m: _grads(m.content_loss, Y_hat, Y), verify="verify_grads"),
        Case("style_loss value (float64, batch of 2)", lambda m: m.style_loss(S_hat, S_gram),
             inputs=(S_hat, S_gram)),
        Case("style_loss: gradient reaches Y_hat, none reaches the target Gram matrix",
             lambda m: _grads(m.style_loss, S_hat, S_gram), verify="verify_grads"),
        Case("tv_loss of a (2, 3, 5, 6) image", lambda m: m.tv_loss(img), inputs=(img,)),
        Case("tv_loss of a constant image is 0",
             lambda m: m.tv_loss(torch.full((1, 3, 4, 4), 0.7, dtype=F64, device=ctx.device))),
        Case("tv_loss of a 2 x 2 image",
             lambda m: m.tv_loss(ctx.tensor([[[[0.0, 1.0], [3.0, 7.0]]]], dtype=F64))),
        Case("tv_loss gradient", lambda m: _tv_grad(m, img)),
        Case("total_loss with the default weights (1, 1e4, 10)", lambda m: _total(m, ctx)),
        Case("total_loss with weights (2, 500, 0.5)", lambda m: _total(m, ctx, (2.0, 500.0,
                                                                              0.5))),
        Case("total_loss with only the tv weight", lambda m: _total(m, ctx, (0.0, 0.0, 1.0))),
    ]
