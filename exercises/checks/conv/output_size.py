import random

import torch
from torch import nn

from studykit.grading.kit import Case


def _conv_configs(seed, count=20):
    """Random Conv2d settings (different per dimension) with the shape torch produces."""
    rng = random.Random(seed)
    configs = []
    while len(configs) < count:
        h, w = rng.randint(1, 40), rng.randint(1, 40)
        k = (rng.randint(1, 7), rng.randint(1, 7))
        s = (rng.randint(1, 4), rng.randint(1, 4))
        p = (rng.randint(0, 3), rng.randint(0, 3))
        d = (rng.randint(1, 3), rng.randint(1, 3))
        layer = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d, bias=False)
        try:
            with torch.no_grad():
                out = tuple(layer(torch.zeros(1, 1, h, w)).shape[-2:])
        except RuntimeError:  # the kernel does not fit: no output
            continue
        configs.append({"size": (h, w), "k": k, "s": s, "p": p, "d": d, "torch": out})
    return configs


def _pool_configs(seed, count=20):
    rng = random.Random(seed)
    configs = []
    while len(configs) < count:
        h, w = rng.randint(1, 40), rng.randint(1, 40)
        k = (rng.randint(1, 6), rng.randint(1, 6))
        s = (rng.randint(1, 4), rng.randint(1, 4)) if rng.random() < 0.7 else None
        p = (rng.randint(0, k[0] // 2), rng.randint(0, k[1] // 2))
        d = (rng.randint(1, 2), rng.randint(1, 2))
        ceil = len(configs) % 2 == 1
        layer = nn.MaxPool2d(k, stride=s, padding=p, dilation=d, ceil_mode=ceil)
        try:
            out = tuple(layer(torch.zeros(1, 1, h, w)).shape[-2:])
        except RuntimeError:
            continue
        configs.append({"size": (h, w), "k": k, "s": s, "p": p, "d": d, "ceil": ceil,
                        "torch": out})
    return configs


def _conv_yours(m, c):
    return tuple(m.conv2d_out(c["size"][i], c["k"][i], stride=c["s"][i], padding=c["p"][i],
                              dilation=c["d"][i]) for i in (0, 1))


def _pool_yours(m, c):
    return tuple(m.pool2d_out(c["size"][i], c["k"][i],
                              stride=None if c["s"] is None else c["s"][i],
                              padding=c["p"][i], dilation=c["d"][i], ceil_mode=c["ceil"])
                 for i in (0, 1))


def _describe(c, layer):
    extra = f", ceil_mode={c['ceil']}" if "ceil" in c else ""
    return (f"{layer}(kernel_size={c['k']}, stride={c['s']}, padding={c['p']}, "
            f"dilation={c['d']}{extra}) on a {c['size'][0]}x{c['size'][1]} input")


def _against_torch(m, configs, yours, layer):
    return [{"layer": _describe(c, layer), "torch": c["torch"], "yours": yours(m, c)}
            for c in configs]


def verify_torch(got, expected):
    for row in got:
        if tuple(row["yours"]) != tuple(row["torch"]):
            t, y = row["torch"], row["yours"]
            raise AssertionError(f"{row['layer']} gives {t[0]}x{t[1]} in PyTorch; "
                                 f"your formula gives {y[0]}x{y[1]}")


def cases(ctx):
    conv = _conv_configs(11)
    pool = _pool_configs(12)
    return [
        Case("conv: 28 with a 5x5 kernel gives 24 (LeNet)", lambda m: m.conv2d_out(28, 5)),
        Case("conv: padding 2 keeps 28", lambda m: m.conv2d_out(28, 5, padding=2)),
        Case("conv: AlexNet's 224, k=11, s=4, p=2", lambda m: m.conv2d_out(224, 11, stride=4,
                                                                           padding=2)),
        Case("conv: 32, k=3, s=2, p=1 halves to 16",
             lambda m: m.conv2d_out(32, 3, stride=2, padding=1)),
        Case("conv: stride 2 on an odd size rounds down (7, k=3, s=2)",
             lambda m: m.conv2d_out(7, 3, stride=2)),
        Case("conv: dilation 2 widens a 3x3 kernel to 5 (32 -> 28)",
             lambda m: m.conv2d_out(32, 3, dilation=2)),
        Case("conv: kernel as large as the input gives 1", lambda m: m.conv2d_out(7, 7)),
        Case("conv: a 1x1 kernel keeps the size", lambda m: m.conv2d_out(13, 1)),
        Case("conv: 20 random settings agree with nn.Conv2d",
             lambda m: _against_torch(m, conv, _conv_yours, "Conv2d"), verify=verify_torch),
        Case("pool: stride defaults to the kernel size (24, k=2 -> 12)",
             lambda m: m.pool2d_out(24, 2)),
        Case("pool: 7, k=3, s=2", lambda m: m.pool2d_out(7, 3, stride=2)),
        Case("pool: 8, k=3, s=2 rounds down to 3", lambda m: m.pool2d_out(8, 3, stride=2)),
        Case("pool: 8, k=3, s=2 with ceil_mode rounds up to 4",
             lambda m: m.pool2d_out(8, 3, stride=2, ceil_mode=True)),
        Case("pool: ceil_mode drops a window that starts in the padding (5, k=2, s=2, p=1)",
             lambda m: m.pool2d_out(5, 2, stride=2, padding=1, ceil_mode=True)),
        Case("pool: 3x3, stride 1, padding 1 keeps 6",
             lambda m: m.pool2d_out(6, 3, stride=1, padding=1)),
        Case("pool: dilation 2 (10, k=3, s=1)", lambda m: m.pool2d_out(10, 3, stride=1,
                                                                        dilation=2)),
        Case("pool: 20 random settings (half with ceil_mode) agree with nn.MaxPool2d",
             lambda m: _against_torch(m, pool, _pool_yours, "MaxPool2d"), verify=verify_torch),
    ]
