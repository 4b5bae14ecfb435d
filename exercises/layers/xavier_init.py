"""Custom initialisation: Xavier (Glorot) uniform (参数初始化: Xavier 初始化).

Xavier initialisation (Xavier 初始化) keeps the variance (方差) of activations and
gradients roughly constant from layer to layer. Its uniform version draws every weight
from the uniform distribution (均匀分布) U(-a, a) with the bound

    a = gain * sqrt(6 / (fan_in + fan_out))

where fan_in (输入数) and fan_out (输出数) are the layer's numbers of inputs and outputs
and gain (增益) is a scale factor (1 for linear/tanh-ish layers).

Task:
    xavier_bound(fan_in, fan_out, gain=1.0) -> float
        the bound a above.
    init_xavier(module, gain=1.0) -> None
        written to be used with `net.apply(init_xavier)`, which calls it on every
        sub-module. If `module` is an nn.Linear: fill module.weight IN PLACE with values
        drawn from U(-a, a) (a from xavier_bound with fan_in = in_features,
        fan_out = out_features) and set module.bias to zeros (偏置置零) when the layer
        has a bias. Any other module is left untouched.

Inputs:  ints fan_in, fan_out >= 1, a float gain > 0; any nn.Module.
Outputs: a float; init_xavier changes the module's existing parameters and returns None.

Rules: change the existing Parameters in place (keep the same tensors, e.g. inside
`torch.no_grad()`), do not replace them with new ones. nn.Linear's weight has shape
(out_features, in_features).
"""

from torch import nn


def xavier_bound(fan_in: int, fan_out: int, gain: float = 1.0) -> float:
    # TODO: gain * sqrt(6 / (fan_in + fan_out))
    raise NotImplementedError


def init_xavier(module: nn.Module, gain: float = 1.0) -> None:
    # TODO: for an nn.Linear, fill the weight from U(-a, a) and zero the bias, in place
    raise NotImplementedError
