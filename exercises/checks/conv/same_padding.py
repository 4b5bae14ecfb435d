import random

import torch
from torch import nn

from studykit.grading.kit import Case


def _keeps(k, d, p, h, w):
    """The output size of a stride-1 Conv2d with padding p on an h x w input."""
    layer = nn.Conv2d(1, 1, k, padding=p, dilation=d, bias=False)
    with torch.no_grad():
        return tuple(layer(torch.zeros(1, 1, h, w)).shape[-2:])


def _symmetric_exists(k, d, h):
    """Whether some symmetric padding keeps the height h (found by trying them all)."""
    wide = d * (k - 1) + 1
    for p in range(d * (k - 1) + 1):
        try:
            if _keeps(k, d, p, h, wide)[0] == h:
                return True
        except RuntimeError:  # the padded input is smaller than the kernel
            continue
    return False


def _random(m, seed=21, count=20):
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        k, d = rng.randint(1, 9), rng.randint(1, 4)
        h, w = rng.randint(1, 20), rng.randint(1, 20)
        p = m.same_padding(k, d)
        row = {"k": k, "d": d, "size": (h, w), "yours": p}
        if isinstance(p, int) and not isinstance(p, bool) and p >= 0:
            try:
                row["torch"] = _keeps(k, d, p, h, w)
            except RuntimeError:
                row["torch"] = (0, 0)  # the kernel does not even fit
        elif p is None:
            row["possible"] = _symmetric_exists(k, d, h)
        rows.append(row)
    return rows


def verify_torch(got, expected):
    for row in got:
        where = f"kernel_size={row['k']}, dilation={row['d']}"
        if "torch" in row:
            if tuple(row["torch"]) != tuple(row["size"]):
                h, w = row["size"]
                th, tw = row["torch"]
                raise AssertionError(f"{where}: nn.Conv2d with padding={row['yours']} turns a "
                                     f"{h}x{w} input into {th}x{tw}")
        elif "possible" in row:
            if row["possible"]:
                raise AssertionError(f"{where}: you returned None, but a symmetric padding "
                                     "keeps the size")
        else:
            raise AssertionError(f"{where}: expected an int >= 0 or None, "
                                 f"got {row['yours']!r}")


def _layer(m, cin, cout, k, d=1):
    layer = m.same_conv(cin, cout, k, d)
    x = torch.randn(2, cin, 13, 9)
    return {"is Conv2d": isinstance(layer, nn.Conv2d),
            "in_channels": layer.in_channels, "out_channels": layer.out_channels,
            "kernel_size": layer.kernel_size, "stride": layer.stride,
            "padding": layer.padding, "dilation": layer.dilation,
            f"output shape for a 2x{cin}x13x9 input": tuple(layer(x).shape)}


def cases(ctx):
    return [
        Case("3x3 needs padding 1", lambda m: m.same_padding(3)),
        Case("5x5 needs padding 2", lambda m: m.same_padding(5)),
        Case("7x7 needs padding 3", lambda m: m.same_padding(7)),
        Case("1x1 needs no padding", lambda m: m.same_padding(1)),
        Case("3x3 with dilation 2 needs padding 2", lambda m: m.same_padding(3, 2)),
        Case("5x5 with dilation 3 needs padding 6", lambda m: m.same_padding(5, 3)),
        Case("2x2: no symmetric padding (None)", lambda m: m.same_padding(2)),
        Case("4x4 with dilation 3: None", lambda m: m.same_padding(4, 3)),
        Case("2x2 with dilation 2 works: padding 1", lambda m: m.same_padding(2, 2)),
        Case("4x4 with dilation 2: padding 3", lambda m: m.same_padding(4, 2)),
        Case("20 random kernel/dilation pairs checked with nn.Conv2d", _random,
             verify=verify_torch),
        Case("same_conv(3, 8, 3)", lambda m: _layer(m, 3, 8, 3)),
        Case("same_conv(4, 2, 5, dilation=2)", lambda m: _layer(m, 4, 2, 5, 2)),
        Case("same_conv(1, 1, 1)", lambda m: _layer(m, 1, 1, 1)),
        Case("same_conv(2, 6, 2, dilation=2)", lambda m: _layer(m, 2, 6, 2, 2)),
    ]
