import torch

from studykit.grading.kit import Case, load_named_weights


def _bn(name, c):
    return [(f"{name}.weight", (c,)), (f"{name}.bias", (c,)), (f"{name}.running_mean", (c,)),
            (f"{name}.running_var", (c,)), (f"{name}.num_batches_tracked", ())]


def _spec(c_in, c_out, stride):
    spec = [("conv1.weight", (c_out, c_in, 3, 3)), ("conv1.bias", (c_out,)), *_bn("bn1", c_out),
            ("conv2.weight", (c_out, c_out, 3, 3)), ("conv2.bias", (c_out,)), *_bn("bn2", c_out)]
    if c_in != c_out or stride != 1:
        spec += [("conv3.weight", (c_out, c_in, 1, 1)), ("conv3.bias", (c_out,))]
    return spec


def _loaded(m, ctx, c_in, c_out, stride, seed=11, zero_branch=False):
    block = load_named_weights(m.Residual(c_in, c_out, stride), _spec(c_in, c_out, stride),
                               ctx, seed)
    if zero_branch:  # residual branch outputs exactly zero in eval mode
        state = block.state_dict()  # shares storage with the block's tensors
        for k in ("bn2.weight", "bn2.bias", "bn2.running_mean"):
            state[k].zero_()
    return block


def _shape(m, ctx, c_in, c_out, stride, h, w):
    block = m.Residual(c_in, c_out, stride).to(ctx.device)
    return tuple(block(ctx.randn(2, c_in, h, w, seed=h + w)).shape)


def _projection(m, c_in, c_out, stride):
    block = m.Residual(c_in, c_out, stride)
    if not hasattr(block, "conv3"):
        return "the block has no attribute conv3"
    conv3 = block.conv3
    if conv3 is None:
        return None
    return {"kernel": tuple(conv3.kernel_size), "stride": tuple(conv3.stride),
            "channels": (conv3.in_channels, conv3.out_channels)}


def _eval(m, ctx, c_in, c_out, stride, x, **kw):
    block = _loaded(m, ctx, c_in, c_out, stride, **kw)
    block.eval()
    return block(x)


def _train(m, ctx, c_in, c_out, stride, x):
    block = _loaded(m, ctx, c_in, c_out, stride)
    block.train()
    out = block(x)
    return {"out": out, "running_mean": block.bn1.running_mean.clone()}


def _grad(m, ctx, x):
    block = _loaded(m, ctx, 4, 4, 1)
    block.eval()
    xg = x.clone().requires_grad_(True)
    (block(xg) * torch.linspace(-1, 1, xg.numel(), device=x.device).view_as(xg)).sum().backward()
    return xg.grad


def cases(ctx):
    x4 = ctx.randn(2, 4, 6, 6, seed=1)
    x3 = ctx.randn(2, 3, 7, 7, seed=2)
    return [
        Case("shape: 4 -> 4 channels, stride 1 keeps (2, 4, 6, 6)",
             lambda m: _shape(m, ctx, 4, 4, 1, 6, 6)),
        Case("shape: 3 -> 6 channels, stride 2, 8x8 -> 4x4",
             lambda m: _shape(m, ctx, 3, 6, 2, 8, 8)),
        Case("shape: odd 7x5 input with stride 2 -> 4x3",
             lambda m: _shape(m, ctx, 4, 8, 2, 7, 5)),
        Case("same shape: the shortcut is the identity (conv3 is None)",
             lambda m: _projection(m, 4, 4, 1)),
        Case("more channels: conv3 is a 1x1 projection", lambda m: _projection(m, 3, 6, 1)),
        Case("stride 2 with equal channels still needs the projection",
             lambda m: _projection(m, 4, 4, 2)),
        Case("parameter names of Residual(4, 4) and Residual(3, 6, 2)",
             lambda m: [sorted(m.Residual(4, 4).state_dict()),
                        sorted(m.Residual(3, 6, 2).state_dict())]),
        Case("with the branch zeroed, the identity block returns ReLU(X)",
             lambda m: _eval(m, ctx, 4, 4, 1, x4, zero_branch=True),),
        Case("eval mode with given weights, identity shortcut",
             lambda m: _eval(m, ctx, 4, 4, 1, x4), rtol=1e-5, atol=1e-5),
        Case("eval mode with given weights, 1x1 projection and stride 2",
             lambda m: _eval(m, ctx, 3, 5, 2, x3), rtol=1e-5, atol=1e-5),
        Case("training mode (batch statistics), projection",
             lambda m: _train(m, ctx, 3, 6, 1, x3), rtol=1e-5, atol=1e-5),
        Case("gradient with respect to the input flows through both paths",
             lambda m: _grad(m, ctx, x4), rtol=1e-5, atol=1e-5),
    ]
