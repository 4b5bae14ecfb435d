import torch
import torch.nn.functional as F
from torch import nn

from studykit.grading.kit import Case, plain_words


def _layer(m, channels, factor):
    conv = m.upsampler(channels, factor)
    return {"type": type(conv).__name__,
            "in, out": [conv.in_channels, conv.out_channels] if isinstance(
                conv, nn.ConvTranspose2d) else None,
            "kernel_size": list(conv.kernel_size), "stride": list(conv.stride),
            "padding": list(conv.padding), "bias": conv.bias is not None,
            "trainable weight": isinstance(conv.weight, nn.Parameter)
            and conv.weight.requires_grad,
            "weight": conv.weight.detach().clone()}


@plain_words
def verify_layer(got, expected):
    if got["type"] != "ConvTranspose2d":
        raise AssertionError(f"upsampler returned a {got['type']}, expected nn.ConvTranspose2d")
    for key in ("in, out", "kernel_size", "stride", "padding"):
        if got[key] != expected[key]:
            raise AssertionError(f"{key}: {got[key]}, expected {expected[key]}")
    if got["bias"]:
        raise AssertionError("the layer has a bias: create it with bias=False")
    if not got["trainable weight"]:
        raise AssertionError("the weight must stay a trainable nn.Parameter (copy the kernel "
                             "into it under torch.no_grad())")
    torch.testing.assert_close(got["weight"], expected["weight"],
                               msg="the weight is not bilinear_kernel(channels, channels, k)")


def _upsample(m, x, factor):
    conv = m.upsampler(x.shape[1], factor).to(x.device)
    with torch.no_grad():
        y = conv(x)
        z = F.interpolate(x, scale_factor=factor, mode="bilinear", align_corners=False)
    inner = (slice(None), slice(None), slice(factor, -factor), slice(factor, -factor))
    same_shape = y.shape == z.shape
    return {"shape": tuple(y.shape), "want shape": tuple(z.shape),
            "worst": (y[inner] - z[inner]).abs().max().item() if same_shape else None}


@plain_words
def verify_upsample(got, expected):
    if got["shape"] != got["want shape"]:
        raise AssertionError(f"the output has shape {got['shape']}, expected "
                             f"{got['want shape']} (factor times larger): check kernel_size, "
                             "stride and padding")
    if got["worst"] > 1e-5:
        raise AssertionError(f"away from the border the output differs from F.interpolate("
                             f"mode='bilinear') by up to {got['worst']:.3g}: check the "
                             "kernel's centre and the channel diagonal")


def cases(ctx):
    x = ctx.randn(1, 3, 5, 6, seed=1)
    x2 = ctx.randn(2, 2, 4, 4, seed=2)
    return [
        Case("bilinear_kernel(1, 1, 4): the 4 x 4 kernel of upsampling by 2",
             lambda m: m.bilinear_kernel(1, 1, 4)),
        Case("bilinear_kernel(1, 1, 3): odd size, centre 1",
             lambda m: m.bilinear_kernel(1, 1, 3)),
        Case("bilinear_kernel(1, 1, 5) and (1, 1, 6)",
             lambda m: (m.bilinear_kernel(1, 1, 5), m.bilinear_kernel(1, 1, 6))),
        Case("bilinear_kernel(3, 3, 4): each channel only to itself",
             lambda m: m.bilinear_kernel(3, 3, 4)),
        Case("bilinear_kernel(2, 3, 4): shape (in, out, k, k), channels 0 and 1 only",
             lambda m: m.bilinear_kernel(2, 3, 4)),
        Case("bilinear_kernel(4, 2, 5)", lambda m: m.bilinear_kernel(4, 2, 5)),
        Case("bilinear_kernel(2, 2, 64): FCN's kernel for a factor of 32",
             lambda m: m.bilinear_kernel(2, 2, 64)),
        Case("upsampler(3, 2): kernel 4, stride 2, padding 1, no bias",
             lambda m: _layer(m, 3, 2), verify="verify_layer"),
        Case("upsampler(2, 3): kernel 5, stride 3, padding 1",
             lambda m: _layer(m, 2, 3), verify="verify_layer"),
        Case("upsampler(1, 4): kernel 8, stride 4, padding 2",
             lambda m: _layer(m, 1, 4), verify="verify_layer"),
        Case("upsampling 5 x 6 by 2 agrees with F.interpolate(mode='bilinear') inside",
             lambda m: _upsample(m, x, 2), verify="verify_upsample", inputs=(x,)),
        Case("upsampling 5 x 6 by 3 agrees with F.interpolate inside",
             lambda m: _upsample(m, x, 3), verify="verify_upsample"),
        Case("upsampling a batch of 2, 4 x 4 by 4", lambda m: _upsample(m, x2, 4),
             verify="verify_upsample"),
        Case("the upsampled values of a 3-channel 5 x 6 input, factor 2",
             lambda m: m.upsampler(3, 2).to(x.device)(x).detach(), rtol=1e-5, atol=1e-6),
    ]
