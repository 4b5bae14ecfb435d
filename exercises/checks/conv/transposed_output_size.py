import random

import torch
from torch import nn

from studykit.grading.kit import Case


def _transposed(size, k, s, p, op, d):
    layer = nn.ConvTranspose2d(1, 1, k, stride=s, padding=p, output_padding=op, dilation=d,
                               bias=False)
    with torch.no_grad():
        return tuple(layer(torch.zeros(1, 1, *size)).shape[-2:])


def _random_transposed(m, seed=31, count=20):
    rng = random.Random(seed)
    rows = []
    while len(rows) < count:
        size = (rng.randint(1, 20), rng.randint(1, 20))
        k = (rng.randint(1, 6), rng.randint(1, 6))
        s = (rng.randint(1, 4), rng.randint(1, 4))
        d = (rng.randint(1, 2), rng.randint(1, 2))
        p = (rng.randint(0, 2), rng.randint(0, 2))
        op = tuple(rng.randint(0, max(si, di) - 1) for si, di in zip(s, d, strict=True))
        try:
            out = _transposed(size, k, s, p, op, d)
        except RuntimeError:
            continue
        yours = tuple(m.conv_transpose2d_out(size[i], k[i], stride=s[i], padding=p[i],
                                             output_padding=op[i], dilation=d[i])
                      for i in (0, 1))
        rows.append({"layer": f"ConvTranspose2d(kernel_size={k}, stride={s}, padding={p}, "
                              f"output_padding={op}, dilation={d}) on a {size[0]}x{size[1]} "
                              "input",
                     "torch": out, "yours": yours})
    return rows


def verify_transposed(got, expected):
    for row in got:
        if tuple(row["yours"]) != tuple(row["torch"]):
            t, y = row["torch"], row["yours"]
            raise AssertionError(f"{row['layer']} gives {t[0]}x{t[1]} in PyTorch; "
                                 f"your formula gives {y[0]}x{y[1]}")


def _random_round_trip(m, seed=32, count=20):
    """Conv2d shrinks a target size; ConvTranspose2d with your output_padding must restore it."""
    rng = random.Random(seed)
    rows = []
    while len(rows) < count:
        target = rng.randint(2, 40)
        k, s, d = rng.randint(1, 5), rng.randint(1, 4), rng.randint(1, 2)
        p = rng.randint(0, 2)
        conv = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d, bias=False)
        try:
            with torch.no_grad():
                small = conv(torch.zeros(1, 1, target, target)).shape[-1]
        except RuntimeError:
            continue
        op = m.output_padding_for(target, k, stride=s, padding=p, dilation=d)
        row = {"target": target, "small": small, "yours": op,
               "settings": f"kernel_size={k}, stride={s}, padding={p}, dilation={d}"}
        try:
            row["restored"] = _transposed((small, small), k, s, p, op, d)[0]
        except (RuntimeError, TypeError, ValueError) as exc:
            row["torch error"] = str(exc).splitlines()[0][:200]
        rows.append(row)
    return rows


def verify_round_trip(got, expected):
    for row in got:
        where = (f"with {row['settings']}, Conv2d turns {row['target']} into {row['small']}; "
                 f"ConvTranspose2d with output_padding={row['yours']}")
        if "torch error" in row:
            raise AssertionError(f"{where} fails in PyTorch: {row['torch error']}")
        if row["restored"] != row["target"]:
            raise AssertionError(f"{where} gives {row['restored']}, not {row['target']}")


def cases(ctx):
    return [
        Case("4 with k=3, s=2, p=1 gives 7", lambda m: m.conv_transpose2d_out(4, 3, stride=2,
                                                                              padding=1)),
        Case("output_padding=1 gives 8 instead",
             lambda m: m.conv_transpose2d_out(4, 3, stride=2, padding=1, output_padding=1)),
        Case("k=4, s=2, p=1 doubles 16 to 32 (DCGAN)",
             lambda m: m.conv_transpose2d_out(16, 4, stride=2, padding=1)),
        Case("k=2, s=2 doubles 14 to 28", lambda m: m.conv_transpose2d_out(14, 2, stride=2)),
        Case("a 1x1 input with k=4, s=1 grows to 4",
             lambda m: m.conv_transpose2d_out(1, 4)),
        Case("stride 1, no padding: n + k - 1", lambda m: m.conv_transpose2d_out(10, 5)),
        Case("dilation 2", lambda m: m.conv_transpose2d_out(5, 3, stride=2, dilation=2)),
        Case("20 random settings agree with nn.ConvTranspose2d", _random_transposed,
             verify=verify_transposed),
        Case("output_padding_for(7, k=3, s=2, p=1) is 0",
             lambda m: m.output_padding_for(7, 3, stride=2, padding=1)),
        Case("output_padding_for(8, k=3, s=2, p=1) is 1",
             lambda m: m.output_padding_for(8, 3, stride=2, padding=1)),
        Case("output_padding_for with stride 1 is 0",
             lambda m: m.output_padding_for(9, 3, stride=1, padding=1)),
        Case("output_padding_for(30, k=2, s=4)", lambda m: m.output_padding_for(30, 2, stride=4)),
        Case("20 random round trips Conv2d -> ConvTranspose2d restore the size",
             _random_round_trip, verify=verify_round_trip),
    ]
