from torch import nn

from studykit.grading.kit import Case


def _mlp():
    return nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))


def _frozen():
    net = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 4))
    for p in net[0].parameters():
        p.requires_grad_(False)
    return net


def _shared():
    shared = nn.Linear(8, 8)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(),
                         nn.Linear(8, 1))


def _with_batchnorm():
    return nn.Sequential(nn.Linear(6, 12), nn.BatchNorm1d(12), nn.ReLU(), nn.Linear(12, 3))


class _Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, kernel_size=3)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(16, 5, bias=False))


def cases(ctx):
    return [
        Case("one Linear(20, 256)", lambda m: m.count_parameters(nn.Linear(20, 256))),
        Case("MLP 20-256-10", lambda m: m.count_parameters(_mlp())),
        Case("a layer without parameters (ReLU) has 0", lambda m: m.count_parameters(nn.ReLU())),
        Case("nested blocks (Conv2d inside a custom block)",
             lambda m: m.count_parameters(_Block())),
        Case("frozen first layer, all parameters",
             lambda m: m.count_parameters(_frozen(), trainable_only=False)),
        Case("frozen first layer, trainable only",
             lambda m: m.count_parameters(_frozen(), trainable_only=True)),
        Case("a shared layer is counted once", lambda m: m.count_parameters(_shared())),
        Case("BatchNorm buffers are not parameters",
             lambda m: m.count_parameters(_with_batchnorm())),
        Case("the result is an int", lambda m: type(m.count_parameters(_mlp())).__name__),
    ]
