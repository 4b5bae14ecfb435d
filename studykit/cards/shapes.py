"""The shape arithmetic of PyTorch layers, exact and without torch.

``make_layer("Conv2d", args, kwargs)`` binds constructor arguments the way ``torch.nn`` does;
``layer.out(shape)`` is the output shape for an input shape, or raises ``GiveUp`` wherever
torch would raise (wrong channel count, kernel larger than the padded input, padding over half
the kernel, ...) or where the rules here are not sure to match torch exactly. Giving up is
always allowed; a wrong answer never is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Shape = tuple[int, ...]
REQUIRED = object()


class GiveUp(Exception):
    """The code cannot be evaluated exactly; make a plain code card instead."""


@dataclass
class Layer:
    name: str
    params: dict[str, Any]
    display: str = ""

    def out(self, shape: Shape) -> Shape:
        return _RULES[family(self.name)](self, shape)


@dataclass
class Sequential:
    layers: list[Any] = field(default_factory=list)
    display: str = "nn.Sequential(...)"


_CONV = (("in_channels", REQUIRED), ("out_channels", REQUIRED), ("kernel_size", REQUIRED),
         ("stride", 1), ("padding", 0), ("dilation", 1), ("groups", 1), ("bias", True),
         ("padding_mode", "zeros"))
_CONV_T = (("in_channels", REQUIRED), ("out_channels", REQUIRED), ("kernel_size", REQUIRED),
           ("stride", 1), ("padding", 0), ("output_padding", 0), ("groups", 1), ("bias", True),
           ("dilation", 1), ("padding_mode", "zeros"))
_MAX_POOL = (("kernel_size", REQUIRED), ("stride", None), ("padding", 0), ("dilation", 1),
             ("return_indices", False), ("ceil_mode", False))
_AVG_POOL = (("kernel_size", REQUIRED), ("stride", None), ("padding", 0), ("ceil_mode", False),
             ("count_include_pad", True), ("divisor_override", None))
SIGNATURES: dict[str, tuple] = {
    "conv": _CONV, "conv_t": _CONV_T, "max_pool": _MAX_POOL, "avg_pool": _AVG_POOL,
    "adaptive": (("output_size", REQUIRED), ("return_indices", False)),
    "linear": (("in_features", REQUIRED), ("out_features", REQUIRED), ("bias", True)),
    "flatten": (("start_dim", 1), ("end_dim", -1)),
    "unflatten": (("dim", REQUIRED), ("unflattened_size", REQUIRED)),
    "batch_norm": (("num_features", REQUIRED), ("eps", 1e-5), ("momentum", 0.1),
                   ("affine", True), ("track_running_stats", True)),
    "layer_norm": (("normalized_shape", REQUIRED), ("eps", 1e-5), ("elementwise_affine", True),
                   ("bias", True)),
    "dropout": (("p", 0.5), ("inplace", False)),
    "softmax": (("dim", None),),
    "zero_pad": (("padding", REQUIRED),),
    "same": (("inplace", False),),
}
_ACTIVATION_SIGNATURES = {
    "LeakyReLU": (("negative_slope", 0.01), ("inplace", False)),
    "ELU": (("alpha", 1.0), ("inplace", False)), "GELU": (("approximate", "none"),),
    "Softplus": (("beta", 1.0), ("threshold", 20.0)), "Sigmoid": (), "Tanh": (),
}
_SAME_SHAPE = frozenset(["ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU", "GELU", "SiLU", "ReLU6",
                         "Hardswish", "Mish", "Softplus", "Identity"])
_DIMS = {"1d": 1, "2d": 2, "3d": 3}


def family(name: str) -> str:
    for prefix, kind in (("ConvTranspose", "conv_t"), ("Conv", "conv"),
                           ("MaxPool", "max_pool"), ("AvgPool", "avg_pool"),
                           ("AdaptiveAvgPool", "adaptive"), ("AdaptiveMaxPool", "adaptive"),
                           ("BatchNorm", "batch_norm"), ("Dropout", "dropout"),
                           ("ZeroPad", "zero_pad")):
        if name.startswith(prefix) and name[len(prefix):] in _DIMS:
            return kind
    if name in ("Dropout", "AlphaDropout"):
        return "dropout"
    if name in ("Softmax", "LogSoftmax"):
        return "softmax"
    if name in _SAME_SHAPE:
        return "same"
    return {"Linear": "linear", "Flatten": "flatten", "Unflatten": "unflatten",
            "LayerNorm": "layer_norm"}.get(name, "")


def make_layer(name: str, args: list, kwargs: dict, display: str = "") -> Layer:
    kind = family(name)
    if not kind:
        raise GiveUp(f"unknown layer {name}")
    signature = _ACTIVATION_SIGNATURES.get(name, SIGNATURES[kind])
    if name == "Identity":
        return Layer(name, {}, display)
    if name == "AvgPool1d":
        signature = signature[:-1]  # no divisor_override
    return Layer(name, bind(signature, args, kwargs), display)


def bind(signature: tuple, args: list, kwargs: dict) -> dict[str, Any]:
    """Arguments by parameter name, as Python would bind them; GiveUp on anything else."""
    if len(args) > len(signature):
        raise GiveUp("too many arguments")
    params = {name: value for (name, _), value in zip(signature, args, strict=False)}
    for name, value in kwargs.items():
        if name in params or name not in dict(signature):
            raise GiveUp(f"unexpected argument {name}")
        params[name] = value
    for name, default in signature:
        if name not in params:
            if default is REQUIRED:
                raise GiveUp(f"missing argument {name}")
            params[name] = default
    return params


def spatial_dims(name: str) -> int:
    return _DIMS.get(name[-2:], 0)


def ntuple(value: Any, n: int, what: str = "size") -> Shape:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * n
    if isinstance(value, (tuple, list)) and len(value) == n and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(value)
    raise GiveUp(f"cannot read {what} {value!r}")


def _positive(*values: Shape) -> None:
    if any(v <= 0 for value in values for v in value):
        raise GiveUp("sizes must be positive")


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise GiveUp(f"not a positive int: {value!r}")


def _split(shape: Shape, n: int) -> tuple[Shape, int, Shape]:
    """``(batch, channels, spatial)`` of an ``n``-d layer's (un)batched input."""
    if len(shape) not in (n + 1, n + 2):
        raise GiveUp(f"expected a {n + 1}-d or {n + 2}-d input, got {shape}")
    return shape[:-n - 1], shape[-n - 1], shape[-n:]


def _conv(layer: Layer, shape: Shape) -> Shape:
    p, n = layer.params, spatial_dims(layer.name)
    batch, channels, spatial = _split(shape, n)
    k, s, d = (ntuple(p[key], n, key) for key in ("kernel_size", "stride", "dilation"))
    groups, c_in, c_out = _int(p["groups"]), _int(p["in_channels"]), _int(p["out_channels"])
    _positive(k, s, d)
    if channels != c_in or c_in % groups or c_out % groups or p["padding_mode"] != "zeros":
        raise GiveUp("channels do not match")
    if p["padding"] == "same" and s == (1,) * n:
        return (*batch, c_out, *spatial)
    pad = (0,) * n if p["padding"] == "valid" else ntuple(p["padding"], n, "padding")
    if any(v < 0 for v in pad):
        raise GiveUp("negative padding")
    out = []
    for size, kk, ss, dd, pp in zip(spatial, k, s, d, pad, strict=True):
        effective = dd * (kk - 1) + 1
        if size + 2 * pp < effective:
            raise GiveUp("kernel larger than the padded input")
        out.append((size + 2 * pp - effective) // ss + 1)
    return (*batch, c_out, *out)


def _conv_t(layer: Layer, shape: Shape) -> Shape:
    p, n = layer.params, spatial_dims(layer.name)
    batch, channels, spatial = _split(shape, n)
    k, s, d = (ntuple(p[key], n, key) for key in ("kernel_size", "stride", "dilation"))
    pad, extra = ntuple(p["padding"], n, "padding"), ntuple(p["output_padding"], n)
    groups, c_in, c_out = _int(p["groups"]), _int(p["in_channels"]), _int(p["out_channels"])
    _positive(k, s, d)
    if channels != c_in or c_in % groups or c_out % groups or p["padding_mode"] != "zeros":
        raise GiveUp("channels do not match")
    out = []
    for size, kk, ss, dd, pp, op in zip(spatial, k, s, d, pad, extra, strict=True):
        if pp < 0 or op < 0 or (op >= ss and op >= dd):
            raise GiveUp("bad padding or output_padding")
        out.append((size - 1) * ss - 2 * pp + dd * (kk - 1) + op + 1)
    _positive(tuple(out))
    return (*batch, c_out, *out)


def pool_size(size: int, k: int, pad: int, stride: int, dilation: int, ceil: bool) -> int:
    """ATen's pooling_output_shape."""
    out = (size + 2 * pad - dilation * (k - 1) - 1 + (stride - 1 if ceil else 0)) // stride + 1
    if ceil and (out - 1) * stride >= size + pad:
        out -= 1
    return out


def _pool(layer: Layer, shape: Shape) -> Shape:
    p, n = layer.params, spatial_dims(layer.name)
    batch, channels, spatial = _split(shape, n)
    k = ntuple(p["kernel_size"], n, "kernel_size")
    s = k if p["stride"] is None or p["stride"] == [] else ntuple(p["stride"], n, "stride")
    pad = ntuple(p["padding"], n, "padding")
    d = ntuple(p.get("dilation", 1), n, "dilation")
    if p.get("return_indices") or not isinstance(p["ceil_mode"], bool):
        raise GiveUp("pooling returns a tuple")
    if p.get("divisor_override") is not None:
        _int(p["divisor_override"])
    _positive(k, s, d)
    out = []
    for size, kk, ss, dd, pp in zip(spatial, k, s, d, pad, strict=True):
        if pp < 0 or pp > kk // 2 or pp > ((kk - 1) * dd + 1) // 2:
            raise GiveUp("padding over half the kernel")
        out.append(pool_size(size, kk, pp, ss, dd, p["ceil_mode"]))
    _positive(tuple(out))
    return (*batch, channels, *out)


def _adaptive(layer: Layer, shape: Shape) -> Shape:
    n = spatial_dims(layer.name)
    batch, channels, spatial = _split(shape, n)
    size = layer.params["output_size"]
    if layer.params["return_indices"]:
        raise GiveUp("pooling returns a tuple")
    wanted = (size,) * n if isinstance(size, int) else size
    if not isinstance(wanted, (tuple, list)) or len(wanted) != n:
        raise GiveUp("cannot read output_size")
    out = tuple(s if w is None else _int(w) for s, w in zip(spatial, wanted, strict=True))
    return (*batch, channels, *out)


def _linear(layer: Layer, shape: Shape) -> Shape:
    if not shape or shape[-1] != _int(layer.params["in_features"]):
        raise GiveUp("in_features does not match")
    return (*shape[:-1], _int(layer.params["out_features"]))


def flatten(shape: Shape, start: Any, end: Any) -> Shape:
    if not shape or not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise GiveUp("cannot flatten")
    ndim = len(shape)
    first, last = start + ndim if start < 0 else start, end + ndim if end < 0 else end
    if not (0 <= first <= last < ndim):
        raise GiveUp("flatten dims out of range")
    return (*shape[:first], math.prod(shape[first:last + 1]), *shape[last + 1:])


def _flatten(layer: Layer, shape: Shape) -> Shape:
    return flatten(shape, layer.params["start_dim"], layer.params["end_dim"])


def _unflatten(layer: Layer, shape: Shape) -> Shape:
    dim, sizes = layer.params["dim"], layer.params["unflattened_size"]
    if not isinstance(dim, int) or not -len(shape) <= dim < len(shape):
        raise GiveUp("dim out of range")
    dim %= len(shape)
    return (*shape[:dim], *reshape((shape[dim],), sizes), *shape[dim + 1:])


def reshape(shape: Shape, wanted: Any) -> Shape:
    """``view``/``reshape`` target with at most one -1, checked against the element count."""
    if not isinstance(wanted, (tuple, list)) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= -1 for v in wanted):
        raise GiveUp("cannot read the new shape")
    total, known = math.prod(shape), math.prod(v for v in wanted if v != -1)
    unknown = [i for i, v in enumerate(wanted) if v == -1]
    if len(unknown) > 1 or known == 0:
        raise GiveUp("ambiguous shape")
    if unknown:
        if total % known:
            raise GiveUp("shape does not divide")
        wanted = tuple(total // known if v == -1 else v for v in wanted)
    if math.prod(wanted) != total:
        raise GiveUp("element count differs")
    return tuple(wanted)


def _batch_norm(layer: Layer, shape: Shape) -> Shape:
    n = spatial_dims(layer.name)
    allowed = (2, 3) if n == 1 else (n + 2,)
    features = _int(layer.params["num_features"])
    if len(shape) not in allowed or shape[1] != features or math.prod(shape) // features <= 1:
        raise GiveUp("batch norm input does not fit")  # incl. one value per channel in training
    return shape


def _layer_norm(layer: Layer, shape: Shape) -> Shape:
    wanted = layer.params["normalized_shape"]
    wanted = (wanted,) if isinstance(wanted, int) else tuple(wanted)
    if not wanted or len(wanted) > len(shape) or shape[-len(wanted):] != wanted:
        raise GiveUp("normalized_shape does not match")
    return shape


def _dropout(layer: Layer, shape: Shape) -> Shape:
    p = layer.params["p"]
    if not isinstance(p, (int, float)) or not 0 <= p <= 1:
        raise GiveUp("dropout probability out of range")
    n = spatial_dims(layer.name)
    if n and len(shape) not in (n + 1, n + 2):
        raise GiveUp("dropout input has the wrong rank")
    return shape


def _softmax(layer: Layer, shape: Shape) -> Shape:
    dim = layer.params["dim"]
    if dim is not None and (not isinstance(dim, int) or not -len(shape) <= dim < len(shape)):
        raise GiveUp("dim out of range")
    return shape


def _zero_pad(layer: Layer, shape: Shape) -> Shape:
    n = spatial_dims(layer.name)
    pads = ntuple(layer.params["padding"], 2 * n, "padding")
    if len(shape) < n + 1 or any(v < 0 for v in pads):
        raise GiveUp("cannot pad")
    spatial = list(shape[-n:])
    for i in range(n):  # (left, right, top, bottom, front, back): last dim first
        spatial[n - 1 - i] += pads[2 * i] + pads[2 * i + 1]
    return (*shape[:-n], *spatial)


_RULES: dict[str, Callable[[Layer, Shape], Shape]] = {
    "conv": _conv, "conv_t": _conv_t, "max_pool": _pool, "avg_pool": _pool,
    "adaptive": _adaptive, "linear": _linear, "flatten": _flatten, "unflatten": _unflatten,
    "batch_norm": _batch_norm, "layer_norm": _layer_norm, "dropout": _dropout,
    "softmax": _softmax, "zero_pad": _zero_pad, "same": lambda layer, shape: shape,
}
