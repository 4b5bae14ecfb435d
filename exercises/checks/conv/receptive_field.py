import random

import torch
from torch import nn

from studykit.grading.kit import Case


def _measured(layers):
    """Receptive field measured with autograd: the input positions that reach output 0.

    A 1-D stack of convolutions with all-ones weights (a pooling window behaves the same)
    is applied to a long input; the gradient of the first output is non-zero on that
    output's receptive field. (With a stride larger than the kernel some positions inside
    the field are skipped, so the field is the span from the first to the last one.)
    """
    fields = []
    x = torch.zeros(1, 1, 1600, dtype=torch.float64, requires_grad=True)
    y = x
    for k, s in layers:
        conv = nn.Conv1d(1, 1, k, stride=s, bias=False).double()
        with torch.no_grad():
            conv.weight.fill_(1.0)
        y = conv(y)
        (grad,) = torch.autograd.grad(y[0, 0, 0], x, retain_graph=True)
        touched = grad[0, 0].nonzero()
        fields.append(int(touched.max() - touched.min()) + 1)
    return fields


def _random(m, seed=51, count=20):
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        layers = [(rng.randint(1, 7), rng.randint(1, 3)) for _ in range(rng.randint(1, 5))]
        rows.append({"layers": layers, "torch": _measured(layers),
                     "yours": m.receptive_fields(layers)})
    return rows


def verify_measured(got, expected):
    for row in got:
        yours, truth = list(row["yours"]), list(row["torch"])
        if yours != truth:
            raise AssertionError(f"layers (kernel, stride) = {row['layers']}: measured "
                                 f"receptive fields {truth}, you computed {yours}")


def cases(ctx):
    return [
        Case("one 3x3 conv sees 3", lambda m: m.receptive_fields([(3, 1)])),
        Case("three stacked 3x3 convs see 7, like one 7x7",
             lambda m: m.receptive_fields([(3, 1)] * 3)),
        Case("no layers", lambda m: m.receptive_fields([])),
        Case("1x1 convs do not grow the field", lambda m: m.receptive_fields([(1, 1), (1, 1)])),
        Case("LeNet: conv5, pool2, conv5, pool2",
             lambda m: m.receptive_fields([(5, 1), (2, 2), (5, 1), (2, 2)])),
        Case("a stride-2 layer doubles what later kernels add",
             lambda m: m.receptive_fields([(3, 2), (3, 1), (3, 1)])),
        Case("VGG block: conv3, conv3, pool2, conv3, conv3, pool2",
             lambda m: m.receptive_fields([(3, 1), (3, 1), (2, 2), (3, 1), (3, 1), (2, 2)])),
        Case("AlexNet's feature layers",
             lambda m: m.receptive_fields([(11, 4), (3, 2), (5, 1), (3, 2), (3, 1), (3, 1),
                                           (3, 1), (3, 2)])),
        Case("20 random stacks agree with the field measured by autograd", _random,
             verify=verify_measured),
    ]
