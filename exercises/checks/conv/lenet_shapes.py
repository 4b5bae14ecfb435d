import torch
from torch import nn

from studykit.grading.kit import Case


def _trace(net, x):
    """The check's own tracer: one (class name, output shape) per layer."""
    out = []
    with torch.no_grad():
        for layer in net:
            x = layer(x)
            out.append((type(layer).__name__, tuple(x.shape)))
    return out


def _settings(layer):
    if isinstance(layer, nn.Conv2d):
        return {"in": layer.in_channels, "out": layer.out_channels,
                "kernel_size": layer.kernel_size, "stride": layer.stride,
                "padding": layer.padding}
    if isinstance(layer, (nn.AvgPool2d, nn.MaxPool2d)):
        return {"kernel_size": layer.kernel_size, "stride": layer.stride}
    if isinstance(layer, nn.Linear):
        return {"in": layer.in_features, "out": layer.out_features}
    return {}


def _built(m):
    net = m.build_lenet()
    return {"is nn.Sequential": isinstance(net, nn.Sequential),
            "layers": [type(layer).__name__ for layer in net]}


def _layers(m):
    return [_settings(layer) for layer in m.build_lenet()]


def _traced(m):
    torch.manual_seed(0)
    return _trace(m.build_lenet(), torch.zeros(1, 1, 28, 28))


def _batch(m):
    net = m.build_lenet()
    with torch.no_grad():
        return tuple(net(torch.rand(4, 1, 28, 28)).shape)


def _param_counts(m):
    net = m.build_lenet()
    return {"total": sum(p.numel() for p in net.parameters()),
            "per layer": [sum(p.numel() for p in layer.parameters()) for layer in net]}


def _small_net():
    return nn.Sequential(nn.Conv2d(3, 4, 3, stride=2, padding=1), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Conv2d(4, 2, 1), nn.Flatten(), nn.Linear(2 * 4 * 4, 5))


def _shapes_of(m, net, x):
    with torch.no_grad():
        return m.layer_shapes(net, x)


def cases(ctx):
    torch.manual_seed(0)
    small = _small_net()
    x_small = torch.randn(2, 3, 16, 16)
    lenet_like = nn.Sequential(nn.Conv2d(1, 6, 5), nn.Sigmoid(), nn.MaxPool2d(2, 2),
                               nn.Conv2d(6, 16, 5), nn.Sigmoid(), nn.MaxPool2d(2, 2))
    x_img = torch.randn(1, 1, 28, 28)
    return [
        Case("build_lenet: an nn.Sequential with the 12 layers in order", _built),
        Case("build_lenet: the settings of every layer", _layers),
        Case("build_lenet: shapes after each layer on a 1x1x28x28 image", _traced),
        Case("build_lenet: a batch of 4 images gives 4x10 scores", _batch),
        Case("build_lenet: parameter counts (61,706 in all)", _param_counts),
        Case("layer_shapes on a small conv net (2x3x16x16 input)",
             lambda m: _shapes_of(m, small, x_small), inputs=(x_small,)),
        Case("layer_shapes on the book's LeNet without padding (28 -> 24 -> 12 -> 8 -> 4)",
             lambda m: _shapes_of(m, lenet_like, x_img)),
        Case("layer_shapes on your LeNet", lambda m: _shapes_of(m, m.build_lenet(),
                                                                torch.zeros(3, 1, 28, 28))),
    ]
