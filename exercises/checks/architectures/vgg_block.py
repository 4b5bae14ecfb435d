from torch import nn

from studykit.grading.kit import Case, load_named_weights


def _spec(num_convs, c_in, c_out):
    spec = []
    for i in range(num_convs):
        spec += [(f"{2 * i}.weight", (c_out, c_in if i == 0 else c_out, 3, 3)),
                 (f"{2 * i}.bias", (c_out,))]
    return spec


def _layers(m, num_convs, c_in, c_out):
    block = m.vgg_block(num_convs, c_in, c_out)
    out = []
    for layer in block:
        if isinstance(layer, nn.Conv2d):
            out.append(("Conv2d", layer.in_channels, layer.out_channels,
                        tuple(layer.kernel_size), tuple(layer.padding), tuple(layer.stride)))
        elif isinstance(layer, nn.MaxPool2d):
            out.append(("MaxPool2d", layer.kernel_size, layer.stride))
        else:
            out.append(type(layer).__name__)
    return out


def _shape(m, ctx, num_convs, c_in, c_out, h, w):
    block = m.vgg_block(num_convs, c_in, c_out).to(ctx.device)
    return tuple(block(ctx.randn(2, c_in, h, w, seed=h * w)).shape)


def _forward(m, ctx, num_convs, c_in, c_out, x):
    block = load_named_weights(m.vgg_block(num_convs, c_in, c_out),
                               _spec(num_convs, c_in, c_out), ctx, 7)
    return block(x)


def _count(m, num_convs, c_in, c_out):
    block = m.vgg_block(num_convs, c_in, c_out)
    return sum(p.numel() for p in block.parameters())


def cases(ctx):
    x = ctx.randn(2, 3, 8, 8, seed=1)
    x_odd = ctx.randn(1, 4, 7, 5, seed=2)
    return [
        Case("layers of vgg_block(2, 3, 8), in order", lambda m: _layers(m, 2, 3, 8)),
        Case("layers of vgg_block(1, 16, 4)", lambda m: _layers(m, 1, 16, 4)),
        Case("shape: 3 convs, 3 -> 16 channels, 32x32 -> 16x16",
             lambda m: _shape(m, ctx, 3, 3, 16, 32, 32)),
        Case("shape: odd sizes 7x5 pool down to 3x2",
             lambda m: _shape(m, ctx, 2, 4, 6, 7, 5)),
        Case("forward with given weights (2 convs, 3 -> 5 channels)",
             lambda m: _forward(m, ctx, 2, 3, 5, x), rtol=1e-5, atol=1e-5),
        Case("forward with given weights (3 convs, odd input size)",
             lambda m: _forward(m, ctx, 3, 4, 4, x_odd), rtol=1e-5, atol=1e-5),
        Case("parameter count of vgg_block(2, 64, 128)", lambda m: _count(m, 2, 64, 128)),
        Case("vgg_block_num_params for several blocks",
             lambda m: [m.vgg_block_num_params(*a)
                        for a in [(1, 3, 64), (2, 64, 128), (3, 128, 256), (4, 1, 1)]]),
        Case("vgg_block_num_params matches the block you build",
             lambda m: m.vgg_block_num_params(3, 5, 7) == _count(m, 3, 5, 7)),
    ]
