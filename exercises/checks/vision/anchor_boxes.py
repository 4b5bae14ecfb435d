import math

import torch

from studykit.grading.kit import Case, plain_words


def _data(ctx, H, W, seed=1):
    return ctx.randn(1, 3, H, W, seed=seed)


def _geometry(m, ctx, H, W, sizes, ratios):
    """Each anchor's centre (in pixels) and its width, height in pixels, from the result."""
    anchors = m.multibox_prior(_data(ctx, H, W), sizes, ratios)
    a = anchors.reshape(-1, 4).double()
    scale = torch.tensor([W, H, W, H], dtype=torch.float64, device=a.device)
    px = a * scale
    return {"shape": tuple(anchors.shape), "dtype": str(anchors.dtype),
            "device": anchors.device.type,
            "centers": ((px[:, :2] + px[:, 2:]) / 2).cpu(),
            "sizes": (px[:, 2:] - px[:, :2]).cpu()}


@plain_words
def verify_geometry(got, expected):
    if got["shape"] != expected["shape"]:
        n, total = expected["shape"][1], got["shape"]
        raise AssertionError(f"expected shape {expected['shape']} ({n} anchors: H * W "
                             f"pixels times n + m - 1 shapes), got {total}")
    if got["dtype"] != "torch.float32" or got["device"] != expected["device"]:
        raise AssertionError(f"expected float32 anchors on {expected['device']}, got "
                             f"{got['dtype']} on {got['device']}")
    c, want_c = got["centers"], expected["centers"]
    if not torch.allclose(c, want_c, atol=1e-4):
        raise AssertionError("the anchor centres are not the pixel centres ((j + 0.5) / W, "
                             "(i + 0.5) / H) in the documented order (pixel by pixel, row by "
                             "row, each pixel's anchors together)")
    sz, want = got["sizes"], expected["sizes"]
    if not torch.allclose(sz, want, rtol=1e-4, atol=1e-4):
        k = int((sz - want).abs().sum(1).argmax())
        raise AssertionError(f"anchor {k} is {sz[k, 0]:.3f} x {sz[k, 1]:.3f} pixels "
                             f"(width x height), expected {want[k, 0]:.3f} x {want[k, 1]:.3f}: "
                             "in pixels the (s, r) anchor is s*sqrt(r)*H wide and s/sqrt(r)*H "
                             "high")


def _pixel(m, ctx, H, W, sizes, ratios, i, j):
    anchors = m.multibox_prior(_data(ctx, H, W), sizes, ratios)
    return m.anchors_at(anchors, H, W, i, j)


def _ratios_in_pixels(m, ctx, H, W, ratios):
    anchors = m.multibox_prior(_data(ctx, H, W), [0.3], ratios).reshape(H, W, -1, 4)[0, 0]
    width = (anchors[:, 2] - anchors[:, 0]) * W
    height = (anchors[:, 3] - anchors[:, 1]) * H
    return (width / height).tolist()


@plain_words
def verify_ratios(got, expected):
    for k, (have, want) in enumerate(zip(got, expected, strict=True)):
        if not math.isclose(have, want, rel_tol=1e-4):
            raise AssertionError(f"anchor {k} of a pixel has width / height = {have:.4f} in "
                                 f"pixels, expected the ratio {want:.4f}")


def cases(ctx):
    sizes, ratios = [0.75, 0.5, 0.25], [1.0, 2.0, 0.5]
    return [
        Case("4 x 4 map, sizes [0.75, 0.5, 0.25], ratios [1, 2, 0.5]: (1, 80, 4)",
             lambda m: m.multibox_prior(_data(ctx, 4, 4), sizes, ratios)),
        Case("a 3 x 5 map (H != W): widths carry the factor H / W",
             lambda m: m.multibox_prior(_data(ctx, 3, 5), sizes, ratios)),
        Case("a 6 x 2 map (H > W)",
             lambda m: m.multibox_prior(_data(ctx, 6, 2), [0.4, 0.2], [1.0, 3.0])),
        Case("one size, one ratio: one anchor per pixel",
             lambda m: m.multibox_prior(_data(ctx, 2, 3), [0.5], [1.0])),
        Case("three sizes, ratio 1 only: 3 anchors per pixel",
             lambda m: m.multibox_prior(_data(ctx, 2, 2), [0.6, 0.4, 0.2], [1.0])),
        Case("one size, four ratios: 4 anchors per pixel",
             lambda m: m.multibox_prior(_data(ctx, 3, 3), [0.3], [1.0, 2.0, 0.5, 4.0])),
        Case("the first ratio need not be 1 (sizes [0.5, 0.3], ratios [2, 1])",
             lambda m: m.multibox_prior(_data(ctx, 2, 4), [0.5, 0.3], [2.0, 1.0])),
        Case("centres and pixel sizes of every anchor on a 5 x 7 map",
             lambda m: _geometry(m, ctx, 5, 7, sizes, ratios), verify="verify_geometry"),
        Case("width / height in pixels equals each ratio (8 x 3 map)",
             lambda m: _ratios_in_pixels(m, ctx, 8, 3, [1.0, 2.0, 0.5, 3.0]),
             verify="verify_ratios"),
        Case("a 32 x 40 map with 5 anchors per pixel: shape (1, 6400, 4)",
             lambda m: tuple(m.multibox_prior(_data(ctx, 32, 40), sizes, ratios).shape)),
        Case("anchors_at: the pixel in row 2, column 1 of a 3 x 5 map",
             lambda m: _pixel(m, ctx, 3, 5, sizes, ratios, 2, 1)),
        Case("anchors_at: the pixel in row 0, column 4 of a 3 x 5 map",
             lambda m: _pixel(m, ctx, 3, 5, sizes, ratios, 0, 4)),
        Case("anchors_at: the last pixel of a 6 x 2 map",
             lambda m: _pixel(m, ctx, 6, 2, [0.4, 0.2], [1.0, 3.0], 5, 1)),
    ]
