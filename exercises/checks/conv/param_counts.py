import random

import torch
from torch import nn

from studykit.grading.kit import Case


def _count(module):
    return sum(p.numel() for p in module.parameters())


def _random_params(m, seed=41, count=20):
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        cin, cout, k = rng.randint(1, 64), rng.randint(1, 64), rng.randint(1, 7)
        bias = rng.random() < 0.5
        rows.append({"layer": f"nn.Conv2d({cin}, {cout}, {k}, bias={bias})",
                     "torch": _count(nn.Conv2d(cin, cout, k, bias=bias)),
                     "yours": m.conv_params(cin, cout, k, bias=bias)})
    return rows


def _random_macs(m, seed=42, count=20):
    """Torch gives the output size; each output element costs C_in*k*k multiply-adds."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        cin, cout, k = rng.randint(1, 8), rng.randint(1, 8), rng.randint(1, 5)
        h, w = rng.randint(k, 20), rng.randint(k, 20)
        s, p = rng.randint(1, 2), rng.randint(0, 2)
        layer = nn.Conv2d(cin, cout, k, stride=s, padding=p, bias=False)
        with torch.no_grad():
            out = layer(torch.zeros(1, cin, h, w))
        ho, wo = out.shape[-2:]
        rows.append({"layer": f"nn.Conv2d({cin}, {cout}, {k}) with a {ho}x{wo} output",
                     "torch": out.numel() * layer.weight[0].numel(),
                     "yours": m.conv_macs(cin, cout, k, int(ho), int(wo))})
    return rows


def _stacked_vs_torch(m, channels, bias):
    three = nn.Sequential(*[nn.Conv2d(channels, channels, 3, padding=1, bias=bias)
                            for _ in range(3)])
    one = nn.Conv2d(channels, channels, 7, padding=3, bias=bias)
    return [{"layer": f"three 3x3 vs one 7x7 with {channels} channels, bias={bias}",
             "torch": (_count(three), _count(one)),
             "yours": tuple(m.stacked_vs_single(channels, bias=bias))}]


def verify_torch(got, expected):
    for row in got:
        yours, truth = row["yours"], row["torch"]
        if isinstance(truth, (list, tuple)):
            yours, truth = tuple(yours), tuple(truth)
        if yours != truth:
            raise AssertionError(f"{row['layer']}: PyTorch counts {truth}, you counted {yours}")


def cases(ctx):
    return [
        Case("Conv2d(3, 64, 3) has 1792 parameters", lambda m: m.conv_params(3, 64, 3)),
        Case("LeNet's first conv: Conv2d(1, 6, 5)", lambda m: m.conv_params(1, 6, 5)),
        Case("without bias", lambda m: m.conv_params(16, 32, 3, bias=False)),
        Case("1x1 conv 100 -> 10 channels, no bias: 1000 weights",
             lambda m: m.conv_params(100, 10, 1, bias=False)),
        Case("20 random layers agree with nn.Conv2d's parameters()", _random_params,
             verify=verify_torch),
        Case("three 3x3 vs one 7x7, 64 channels", lambda m: m.stacked_vs_single(64)),
        Case("three 3x3 vs one 7x7, 1 channel, no bias",
             lambda m: m.stacked_vs_single(1, bias=False)),
        Case("stacked_vs_single agrees with real layers (C=16, bias)",
             lambda m: _stacked_vs_torch(m, 16, True), verify=verify_torch),
        Case("stacked_vs_single agrees with real layers (C=5, no bias)",
             lambda m: _stacked_vs_torch(m, 5, False), verify=verify_torch),
        Case("1x1 conv 100x64x64 -> 10x64x64: 4,096,000 multiply-adds",
             lambda m: m.conv_macs(100, 10, 1, 64, 64)),
        Case("a 3x3 conv 3 -> 64 channels on 224x224",
             lambda m: m.conv_macs(3, 64, 3, 224, 224)),
        Case("20 random layers: multiply-adds from torch's output size", _random_macs,
             verify=verify_torch),
    ]
