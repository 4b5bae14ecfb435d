import torch
from torch import nn

from studykit.grading.kit import Case, plain_words

D, H, FF = 8, 2, 16


def _torch_layer(ctx, norm_first, seed=5):
    torch.manual_seed(seed)
    layer = nn.TransformerEncoderLayer(D, H, FF, dropout=0.0, batch_first=True,
                                       norm_first=norm_first)
    with torch.no_grad():  # norms with weights other than 1 and 0
        for norm in (layer.norm1, layer.norm2):
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.normal_(0, 0.3)
    return layer.to(ctx.device).eval()


def _block(m, ctx, norm_first, seed=5):
    theirs = _torch_layer(ctx, norm_first, seed)
    mine = m.EncoderBlock(D, H, FF, norm_first=norm_first).to(ctx.device)
    mine.load_state_dict(theirs.state_dict())
    return mine, theirs


def _names(m):
    theirs = nn.TransformerEncoderLayer(D, H, FF, batch_first=True)
    mine = m.EncoderBlock(D, H, FF)
    return {"yours": sorted((k, tuple(v.shape)) for k, v in mine.state_dict().items()),
            "torch": sorted((k, tuple(v.shape)) for k, v in theirs.state_dict().items())}


@plain_words
def verify_names(got, expected):
    yours, want = dict(got["yours"]), dict(got["torch"])
    if yours != want:
        missing = sorted(set(want) - set(yours))
        extra = sorted(set(yours) - set(want))
        raise AssertionError(f"your state_dict differs from nn.TransformerEncoderLayer's: "
                             f"missing {missing}, unexpected {extra}; use the layer names "
                             "of the docstring")


def _vs_torch(m, ctx, X, norm_first, mask=None):
    mine, theirs = _block(m, ctx, norm_first)
    mine.eval()
    with torch.enable_grad():  # keeps torch's layer on its plain (non fast-path) route
        want = theirs(X, src_key_padding_mask=mask).detach()
    with torch.no_grad():
        yours = mine(X, key_padding_mask=mask)
    return {"yours": yours, "torch": want}


@plain_words
def verify_vs_torch(got, expected):
    yours, want = got["yours"], got["torch"]
    if tuple(yours.shape) != tuple(want.shape):
        raise AssertionError(f"your output has shape {tuple(yours.shape)}, expected "
                             f"{tuple(want.shape)}")
    if not torch.allclose(yours, want, rtol=1e-4, atol=1e-5):
        worst = (yours - want).abs().max().item()
        raise AssertionError(f"your block differs from nn.TransformerEncoderLayer with the "
                             f"same weights (worst difference {worst:.3g}): check the order of "
                             "add and norm for this norm_first, that the FFN (linear1, ReLU, "
                             "linear2) reads the attention sublayer's output, that both "
                             "sublayers have their residual connection, and that "
                             "key_padding_mask reaches self_attn")


def _run(m, ctx, X, norm_first, mask=None):
    mine, _ = _block(m, ctx, norm_first)
    with torch.no_grad():
        return mine.eval()(X, key_padding_mask=mask)


def _padding_ignored(m, ctx, X, mask):
    mine, _ = _block(m, ctx, False)
    mine.eval()
    noisy = torch.where(mask[..., None], torch.full_like(X, 7.0), X)
    with torch.no_grad():
        a = mine(X, key_padding_mask=mask)
        b = mine(noisy, key_padding_mask=mask)
    keep = ~mask
    return bool(torch.allclose(a[keep], b[keep], atol=1e-5))


def verify_padding(got, expected):
    if not got:
        raise AssertionError("changing the padding tokens changed the outputs of the real "
                             "tokens: pass key_padding_mask to self_attn")


def _deterministic(m, ctx, X):
    mine, _ = _block(m, ctx, False)
    mine.train()
    return bool(torch.equal(mine(X), mine(X)))


def verify_deterministic(got, expected):
    if not got:
        raise AssertionError("two calls in train mode gave different outputs: the block "
                             "must have no dropout")


def _grads(m, ctx, X):
    mine, _ = _block(m, ctx, True)
    out = mine(X)
    (out * torch.linspace(-1, 1, out.numel(), device=X.device).view_as(out)).sum().backward()
    return {k: p.grad for k, p in mine.named_parameters()}


def cases(ctx):
    X = ctx.randn(2, 5, D, seed=1)
    mask = ctx.tensor([[False] * 5, [False, False, False, True, True]])
    X1 = ctx.randn(1, 1, D, seed=2)
    X3 = ctx.randn(3, 7, D, seed=3)
    return [
        Case("state_dict names and shapes equal nn.TransformerEncoderLayer's", _names,
             verify="verify_names"),
        Case("post-norm: equals nn.TransformerEncoderLayer",
             lambda m: _vs_torch(m, ctx, X, False), verify="verify_vs_torch", inputs=(X,)),
        Case("post-norm output (2, 5, 8)", lambda m: _run(m, ctx, X, False),
             rtol=1e-4, atol=1e-5),
        Case("pre-norm (norm_first=True): equals nn.TransformerEncoderLayer",
             lambda m: _vs_torch(m, ctx, X3, True), verify="verify_vs_torch"),
        Case("pre-norm output (3, 7, 8)", lambda m: _run(m, ctx, X3, True),
             rtol=1e-4, atol=1e-5),
        Case("key_padding_mask: equals nn.TransformerEncoderLayer",
             lambda m: _vs_torch(m, ctx, X, False, mask), verify="verify_vs_torch",
             inputs=(X, mask)),
        Case("padding tokens do not change the real tokens' outputs",
             lambda m: _padding_ignored(m, ctx, X, mask), verify="verify_padding"),
        Case("one sequence of one token",
             lambda m: _vs_torch(m, ctx, X1, False), verify="verify_vs_torch"),
        Case("no dropout: the same output twice in train mode",
             lambda m: _deterministic(m, ctx, X), verify="verify_deterministic"),
        Case("gradients reach every parameter (pre-norm)", lambda m: _grads(m, ctx, X),
             rtol=1e-4, atol=1e-5),
    ]
