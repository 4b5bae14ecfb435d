import torch
from torch import nn

from studykit.grading.kit import Case, check_parameter_names, load_named_weights, plain_words

E = 8


def _spec(bias=True, e=E):
    spec = []
    for name in ("W_q", "W_k", "W_v", "W_o"):
        spec.append((f"{name}.weight", (e, e)))
        if bias:
            spec.append((f"{name}.bias", (e,)))
    return spec


def _names(m, bias):
    check_parameter_names(m.MultiHeadAttention(E, 2, bias=bias), _spec(bias))
    return True


def _model(m, ctx, heads, bias=True, seed=1, e=E, dtype=torch.float32):
    model = m.MultiHeadAttention(e, heads, bias=bias)
    return load_named_weights(model, _spec(bias, e), ctx, seed, scale=0.4).to(dtype)


def _run(m, ctx, q, k, v, heads, mask=None, bias=True):
    model = _model(m, ctx, heads, bias, e=q.shape[-1], dtype=q.dtype)
    with torch.no_grad():
        output, weights = model(q, k, v, key_padding_mask=mask)
    return {"output": output, "weights": weights}


def _torch_twin(model, heads, bias, e, device, dtype):
    """nn.MultiheadAttention holding the learner's weights."""
    twin = nn.MultiheadAttention(e, heads, bias=bias, batch_first=True).to(device, dtype)
    with torch.no_grad():
        twin.in_proj_weight.copy_(torch.cat([model.W_q.weight, model.W_k.weight,
                                             model.W_v.weight]))
        twin.out_proj.weight.copy_(model.W_o.weight)
        if bias:
            twin.in_proj_bias.copy_(torch.cat([model.W_q.bias, model.W_k.bias, model.W_v.bias]))
            twin.out_proj.bias.copy_(model.W_o.bias)
    return twin


def _vs_torch(m, ctx, q, k, v, heads, mask=None, bias=True):
    e = q.shape[-1]
    model = _model(m, ctx, heads, bias, seed=40, e=e, dtype=q.dtype)
    twin = _torch_twin(model, heads, bias, e, q.device, q.dtype)
    with torch.no_grad():
        output, weights = model(q, k, v, key_padding_mask=mask)
        want_out, want_w = twin(q, k, v, key_padding_mask=mask)
    return {"output": output, "weights": weights, "torch output": want_out,
            "torch weights": want_w}


@plain_words
def verify_vs_torch(got, expected):
    for name, tip in (("weights", "scale by sqrt(d) with d = embed_dim / num_heads (one "
                       "head's size), hide keys where key_padding_mask is True, and average "
                       "the heads' weights"),
                      ("output", "concatenate the heads in order (head k = features k*d .. "
                       "(k+1)*d - 1) and apply W_o")):
        yours, want = got[name], got["torch " + name]
        if tuple(yours.shape) != tuple(want.shape):
            raise AssertionError(f"your {name} have shape {tuple(yours.shape)}; "
                                 f"nn.MultiheadAttention's are {tuple(want.shape)}")
        if not torch.allclose(yours, want, rtol=1e-4, atol=1e-5):
            worst = (yours - want).abs().max().item()
            raise AssertionError(f"your {name} differ from nn.MultiheadAttention given the "
                                 f"same weights (worst difference {worst:.3g}): {tip}")


def _grads(m, ctx, x, heads):
    model = _model(m, ctx, heads)
    output, _ = model(x, x, x)
    (output * torch.linspace(-1, 1, output.numel(), device=x.device).view_as(output)) \
        .sum().backward()
    return {name: p.grad for name, p in model.named_parameters()}


def cases(ctx):
    x = ctx.randn(2, 5, E, seed=10)
    q3, k6, v6 = ctx.randn(2, 3, E, seed=11), ctx.randn(2, 6, E, seed=12), \
        ctx.randn(2, 6, E, seed=13)
    pad = ctx.tensor([[False] * 6, [False, False, False, False, True, True]])
    x64 = ctx.randn(3, 4, 12, seed=14, dtype=torch.float64)
    return [
        Case("parameter names W_q, W_k, W_v, W_o (weight and bias)", lambda m: _names(m, True)),
        Case("bias=False: weights only", lambda m: _names(m, False)),
        Case("self-attention, 2 heads, given weights",
             lambda m: _run(m, ctx, x, x, x, 2), inputs=(x,), rtol=1e-5, atol=1e-6),
        Case("self-attention agrees with nn.MultiheadAttention (2 heads)",
             lambda m: _vs_torch(m, ctx, x, x, x, 2), verify="verify_vs_torch"),
        Case("cross-attention 3 queries, 6 keys, 4 heads, with key_padding_mask",
             lambda m: _run(m, ctx, q3, k6, v6, 4, pad), inputs=(q3, k6, v6, pad),
             rtol=1e-5, atol=1e-6),
        Case("cross-attention with key_padding_mask agrees with nn.MultiheadAttention",
             lambda m: _vs_torch(m, ctx, q3, k6, v6, 4, pad), verify="verify_vs_torch"),
        Case("bias=False agrees with nn.MultiheadAttention",
             lambda m: _vs_torch(m, ctx, q3, k6, v6, 2, bias=False), verify="verify_vs_torch"),
        Case("one head agrees with nn.MultiheadAttention",
             lambda m: _vs_torch(m, ctx, x, x, x, 1), verify="verify_vs_torch"),
        Case("8 heads of size 1 agree with nn.MultiheadAttention",
             lambda m: _vs_torch(m, ctx, q3, k6, v6, 8, pad), verify="verify_vs_torch"),
        Case("float64, embed_dim 12, 3 heads", lambda m: _run(m, ctx, x64, x64, x64, 3)),
        Case("gradients reach every projection", lambda m: _grads(m, ctx, x, 2),
             rtol=1e-4, atol=1e-6),
    ]
