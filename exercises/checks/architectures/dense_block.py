import torch

from studykit.grading.kit import Case, load_named_weights


def _bn(name, c):
    return [(f"{name}.weight", (c,)), (f"{name}.bias", (c,)), (f"{name}.running_mean", (c,)),
            (f"{name}.running_var", (c,)), (f"{name}.num_batches_tracked", ())]


def _conv_spec(prefix, c_in, c_out, k):
    return [*_bn(f"{prefix}0", c_in), (f"{prefix}2.weight", (c_out, c_in, k, k)),
            (f"{prefix}2.bias", (c_out,))]


def _dense_spec(num_convs, c_in, growth):
    spec = []
    for i in range(num_convs):
        spec += _conv_spec(f"net.{i}.", c_in + i * growth, growth, 3)
    return spec


def _shape(m, ctx, num_convs, c_in, growth, h):
    block = m.DenseBlock(num_convs, c_in, growth).to(ctx.device)
    return tuple(block(ctx.randn(2, c_in, h, h, seed=h)).shape)


def _dense(m, ctx, num_convs, c_in, growth, x, train=False):
    block = load_named_weights(m.DenseBlock(num_convs, c_in, growth),
                               _dense_spec(num_convs, c_in, growth), ctx, 21)
    block.train(train)
    return block(x)


def _keeps_input(m, ctx, x):
    out = _dense(m, ctx, 2, x.shape[1], 3, x)
    return bool(torch.equal(out[:, :x.shape[1]], x))


def _transition(m, ctx, c_in, c_out, x):
    block = load_named_weights(m.transition_block(c_in, c_out), _conv_spec("", c_in, c_out, 1),
                               ctx, 31)
    block.eval()
    return block(x)


def cases(ctx):
    x = ctx.randn(2, 3, 5, 5, seed=1)
    x8 = ctx.randn(2, 8, 6, 6, seed=2)
    return [
        Case("DenseBlock(2, 3, 10): 3 + 2 * 10 = 23 channels",
             lambda m: _shape(m, ctx, 2, 3, 10, 8)),
        Case("DenseBlock(4, 16, 8): 48 channels, 5x5 kept",
             lambda m: _shape(m, ctx, 4, 16, 8, 5)),
        Case("DenseBlock(1, 2, 1): a single block", lambda m: _shape(m, ctx, 1, 2, 1, 3)),
        Case("input channels of each conv_block grow by growth_rate",
             lambda m: [blk[2].in_channels for blk in m.DenseBlock(4, 6, 5).net]),
        Case("the output starts with the unchanged input (concatenation, input first)",
             lambda m: _keeps_input(m, ctx, x)),
        Case("eval mode with given weights (3 blocks, growth 4)",
             lambda m: _dense(m, ctx, 3, 3, 4, x), rtol=1e-5, atol=1e-5),
        Case("training mode (batch statistics) with given weights",
             lambda m: _dense(m, ctx, 2, 8, 3, x8, train=True), rtol=1e-5,
             atol=1e-5),
        Case("conv_block(4, 7) layers",
             lambda m: [type(layer).__name__ for layer in m.conv_block(4, 7)]),
        Case("transition_block: 8 -> 4 channels, 6x6 -> 3x3, given weights",
             lambda m: _transition(m, ctx, 8, 4, x8), rtol=1e-5, atol=1e-5),
        Case("transition_block on an odd 5x5 input -> 2x2",
             lambda m: tuple(m.transition_block(3, 2).to(ctx.device)(x).shape)),
        Case("parameter count of DenseBlock(2, 64, 32)",
             lambda m: sum(p.numel() for p in m.DenseBlock(2, 64, 32).parameters())),
    ]
