import math

import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


@plain_words
def verify_fans(got, expected):
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise AssertionError(f"return (fan_in, fan_out), got {got!r}")
    if any(type(v) is not int for v in got):
        raise AssertionError(f"fans must be Python ints, got {[type(v).__name__ for v in got]}")
    if tuple(got) != tuple(expected):
        raise AssertionError(f"(fan_in, fan_out) = {tuple(got)}, expected {tuple(expected)}; "
                             "the weight is (out, in, *kernel)")


def _stds(m):
    settings = [(784, 256, "fan_in", "relu", 0.0), (784, 256, "fan_out", "relu", 0.0),
                (300, 100, "fan_in", "leaky_relu", 0.2), (300, 100, "fan_out", "leaky_relu", 0.0),
                (64, 128, "fan_in", "linear", 0.0), (1, 1, "fan_in", "relu", 0.0)]
    return [m.kaiming_std(fi, fo, mode=mode, nonlinearity=nl, a=a)
            for fi, fo, mode, nl, a in settings]


def _vs_torch(m, shape, mode, nonlinearity, a, seed):
    mine = torch.empty(shape)
    theirs = torch.empty(shape)
    returned = m.kaiming_normal_(mine, mode=mode, nonlinearity=nonlinearity, a=a,
                                 generator=torch.Generator().manual_seed(seed))
    nn.init.kaiming_normal_(theirs, a=a, mode=mode, nonlinearity=nonlinearity,
                            generator=torch.Generator().manual_seed(seed))
    return {"what": f"kaiming_normal_ on {tuple(shape)}, mode={mode}, {nonlinearity}",
            "yours": mine, "torch": theirs, "returned the same tensor": returned is mine}


@plain_words
def verify_vs_torch(got, expected):
    what, yours, theirs = got["what"], got["yours"], got["torch"]
    if not got["returned the same tensor"]:
        raise AssertionError(f"{what}: return the weight you filled (the same tensor)")
    ratio = (yours.std() / theirs.std()).item()
    if not torch.allclose(yours, theirs, rtol=1e-5, atol=1e-7):
        raise AssertionError(f"{what}: your draws differ from nn.init.kaiming_normal_ with the "
                             f"same generator (their spread is {ratio:.3f} times torch's): "
                             "check the fan and the gain, and draw with "
                             "weight.normal_(0, std, generator=generator)")


def _parameter_in_place(m):
    torch.manual_seed(0)
    layer = nn.Linear(50, 40)
    weight = layer.weight
    m.kaiming_normal_(layer.weight)
    return {"still the same Parameter": layer.weight is weight,
            "is an nn.Parameter": isinstance(layer.weight, nn.Parameter),
            "requires grad": layer.weight.requires_grad,
            "no autograd history": layer.weight.grad_fn is None}


def _sample_std(m, shape, mode):
    torch.manual_seed(3)
    w = torch.empty(shape)
    m.kaiming_normal_(w, mode=mode)
    fan_in, fan_out = shape[1] * math.prod(shape[2:]), shape[0] * math.prod(shape[2:])
    want = math.sqrt(2.0 / (fan_in if mode == "fan_in" else fan_out))
    return {"std": w.std().item(), "mean": w.mean().item(), "n": w.numel(), "want": want}


@plain_words
def verify_sample(got, expected):
    n, want = got["n"], got["want"]
    band = 6 * want * math.sqrt(1 / (2 * n))  # 6 standard errors of a sample std
    if abs(got["std"] - want) > band:
        raise AssertionError(f"the weights' standard deviation is {got['std']:.4g}, expected "
                             f"about {want:.4g}")
    if abs(got["mean"]) > 6 * want / math.sqrt(n):
        raise AssertionError(f"the weights' mean is {got['mean']:.4g}, expected about 0")


def _deep_relu(m):
    """20 Linear+ReLU layers initialised with kaiming_normal_: the signal keeps its scale."""
    torch.manual_seed(5)
    layers = []
    for _ in range(20):
        layer = nn.Linear(256, 256)
        m.kaiming_normal_(layer.weight)
        nn.init.zeros_(layer.bias)
        layers += [layer, nn.ReLU()]
    x = torch.randn(512, 256, generator=torch.Generator().manual_seed(6))
    with torch.no_grad():
        h = nn.Sequential(*layers)(x)
    return (h ** 2).mean().item() * 2  # ReLU halves the second moment of the last layer


@plain_words
def verify_scale(got, expected):
    if not 0.2 < got < 5:
        raise AssertionError(f"after 20 ReLU layers the signal's second moment is {got:.3g} "
                             "(it was 1 at the input): a Kaiming init keeps it near 1")


def cases(ctx):
    return [
        Case("fans of Linear(784, 256).weight", lambda m: m.fans(torch.empty(256, 784)),
             verify="verify_fans"),
        Case("fans of Conv2d(3, 16, kernel_size=5).weight",
             lambda m: m.fans(torch.empty(16, 3, 5, 5)), verify="verify_fans"),
        Case("fans of Conv1d(8, 4, kernel_size=3).weight",
             lambda m: m.fans(torch.empty(4, 8, 3)), verify="verify_fans"),
        Case("fans of Conv2d(6, 2, kernel_size=(3, 5)).weight",
             lambda m: m.fans(torch.empty(2, 6, 3, 5)), verify="verify_fans"),
        Case("kaiming_std for relu / leaky_relu / linear, fan_in and fan_out", _stds,
             rtol=1e-9, atol=1e-12),
        Case("kaiming_normal_ on a Linear weight matches nn.init.kaiming_normal_",
             lambda m: _vs_torch(m, (256, 784), "fan_in", "relu", 0.0, 1),
             verify="verify_vs_torch"),
        Case("... with mode='fan_out'",
             lambda m: _vs_torch(m, (64, 300), "fan_out", "relu", 0.0, 2),
             verify="verify_vs_torch"),
        Case("... on a Conv2d weight (16, 3, 5, 5)",
             lambda m: _vs_torch(m, (16, 3, 5, 5), "fan_in", "relu", 0.0, 3),
             verify="verify_vs_torch"),
        Case("... for leaky_relu with a = 0.1, fan_out, on a Conv1d weight",
             lambda m: _vs_torch(m, (8, 4, 3), "fan_out", "leaky_relu", 0.1, 4),
             verify="verify_vs_torch"),
        Case("... for a linear layer (gain 1)",
             lambda m: _vs_torch(m, (10, 20), "fan_in", "linear", 0.0, 5),
             verify="verify_vs_torch"),
        Case("fills an nn.Parameter in place (torch.no_grad)", _parameter_in_place),
        Case("the global RNG when no generator: std of a 1000x500 weight",
             lambda m: _sample_std(m, (1000, 500), "fan_in"), verify="verify_sample"),
        Case("the global RNG, fan_out, a (64, 32, 3, 3) conv weight",
             lambda m: _sample_std(m, (64, 32, 3, 3), "fan_out"), verify="verify_sample"),
        Case("20 ReLU layers: the signal keeps its scale", _deep_relu,
             verify="verify_scale"),
    ]
