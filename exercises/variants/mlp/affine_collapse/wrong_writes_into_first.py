"""Writes the merged weights into the first layer instead of a new one."""

import torch
from torch import nn


def _bias(layer: nn.Linear) -> torch.Tensor:
    if layer.bias is not None:
        return layer.bias
    return torch.zeros(layer.out_features, dtype=layer.weight.dtype, device=layer.weight.device)


def merge_linear(first: nn.Linear, second: nn.Linear) -> nn.Linear:
    has_bias = first.bias is not None or second.bias is not None
    merged = first
    with torch.no_grad():
        b = second.weight @ _bias(first) + _bias(second)
        merged.weight = nn.Parameter(second.weight @ first.weight)
        merged.bias = nn.Parameter(b) if has_bias else None
    merged.out_features = second.out_features
    return merged


def collapse(net: nn.Sequential) -> nn.Linear:
    layers = list(net)
    merged = _copy(layers[0])
    for layer in layers[1:]:
        merged = merge_linear(merged, layer)
    return merged


def _copy(layer: nn.Linear) -> nn.Linear:
    new = nn.Linear(layer.in_features, layer.out_features, bias=layer.bias is not None,
                    dtype=layer.weight.dtype, device=layer.weight.device)
    new.load_state_dict(layer.state_dict())
    return new
