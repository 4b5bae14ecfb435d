"""Shapes through plain tensor operations, for the symbolic snippet runner (no torch).

``GiveUp`` means "not understood here" (the statement's names become unknown); ``Abort``
means torch itself would raise, so the snippet gets no shape card at all.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

from studykit.cards.shapes import GiveUp, Sequential, Shape, bind, flatten, reshape

MAX_NUMBER = 10**12
MAX_ELEMENTS = 10**10


class Abort(Exception):
    """torch would raise on this code: no shape card."""


@dataclass(frozen=True)
class Tensor:
    shape: Shape
    contiguous: bool = True


@dataclass(frozen=True)
class Module:
    """A torch namespace or function by its dotted path: ``torch.nn.Conv2d``."""

    path: str


_FACTORIES = frozenset(f"torch.{n}" for n in ("rand", "randn", "zeros", "ones", "empty"))
_FLOAT32 = frozenset(("torch.float32", "torch.float"))
_ELEMENTWISE = frozenset(
    [f"torch.{n}" for n in ("relu", "sigmoid", "tanh", "exp", "abs", "sqrt", "square")]
    + [f"torch.nn.functional.{n}" for n in ("relu", "sigmoid", "tanh", "gelu", "silu", "elu",
                                           "leaky_relu", "relu6", "mish", "hardswish")])
_SAME_METHODS = frozenset(["contiguous", "clone", "detach", "float", "relu", "sigmoid", "tanh",
                           "abs", "exp", "requires_grad_", "cpu"])
_SHAPE_CHANGING_INPLACE = frozenset(["resize_", "unsqueeze_", "squeeze_", "t_", "transpose_",
                                     "swapdims_", "swapaxes_", "as_strided_", "set_", "resize_as_"])
_NUMBER_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
               ast.Mult: lambda a, b: a * b, ast.FloorDiv: lambda a, b: a // b,
               ast.Mod: lambda a, b: a % b, ast.Div: lambda a, b: a / b}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def binary(left: Any, op: ast.operator, right: Any) -> Any:
    if isinstance(left, Tensor) or isinstance(right, Tensor):
        return _broadcast(left, op, right)
    if isinstance(left, tuple) and isinstance(right, tuple) and isinstance(op, ast.Add):
        return left + right
    if _number(left) and _number(right) and type(op) in _NUMBER_OPS:
        if right == 0 and isinstance(op, (ast.FloorDiv, ast.Mod, ast.Div)):
            raise GiveUp("division by zero")
        result = _NUMBER_OPS[type(op)](left, right)
        if abs(result) > MAX_NUMBER:
            raise GiveUp("number too large")
        return result
    raise GiveUp("unsupported operation")


def _broadcast(left: Any, op: ast.operator, right: Any) -> Tensor:
    if not isinstance(op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
        raise GiveUp("unsupported tensor operation")
    shapes = [x.shape for x in (left, right) if isinstance(x, Tensor)]
    if not all(isinstance(x, Tensor) or _number(x) for x in (left, right)):
        raise GiveUp("tensor with a non-number")
    return Tensor(broadcast_shapes(*shapes))


def broadcast_shapes(*shapes: Shape) -> Shape:
    out: list[int] = []
    rank = max(map(len, shapes))
    for dims in zip(*(reversed((1,) * (rank - len(s)) + s) for s in shapes), strict=True):
        sizes = {d for d in dims if d != 1}
        if len(sizes) > 1:
            raise Abort(f"shapes {shapes} do not broadcast")
        out.append(sizes.pop() if sizes else 1)
    return tuple(reversed(out))


def unary(op: ast.unaryop, value: Any) -> Any:
    if _number(value) and isinstance(op, (ast.USub, ast.UAdd)):
        return -value if isinstance(op, ast.USub) else value
    if isinstance(value, Tensor) and isinstance(op, (ast.USub, ast.UAdd)):
        return value
    raise GiveUp("unsupported unary operation")


def subscript(base: Any, index: Any) -> Any:
    if isinstance(base, Sequential):
        if isinstance(index, slice):
            return Sequential(base.layers[_checked_slice(index)], base.display)
        return _item(base.layers, index)
    if isinstance(base, (tuple, list)):
        return base[_checked_slice(index)] if isinstance(index, slice) else _item(base, index)
    raise GiveUp("unsupported subscript")


def _item(items: list | tuple, index: Any) -> Any:
    if not _is_int(index) or not -len(items) <= index < len(items):
        raise GiveUp("index out of range")
    return items[index]


def _checked_slice(index: slice) -> slice:
    if not all(part is None or _is_int(part) for part in (index.start, index.stop, index.step)) \
            or index.step == 0:
        raise GiveUp("unsupported slice")
    return index


def builtin(name: str, args: list, kwargs: dict) -> Any:
    if kwargs:
        raise GiveUp(f"{name}() with keywords")
    if name == "print":
        return None
    if name == "range" and 1 <= len(args) <= 3 and all(map(_is_int, args)):
        items = range(*args)
        if len(items) > 256:
            raise GiveUp("range too long")
        return list(items)
    if len(args) != 1:
        raise GiveUp(f"{name}() arguments")
    value = args[0]
    if isinstance(value, Sequential):
        value = value.layers
    if name in ("tuple", "list") and isinstance(value, (tuple, list)):
        return tuple(value) if name == "tuple" else list(value)
    if name == "len" and isinstance(value, (tuple, list)):
        return len(value)
    if name == "len" and isinstance(value, Tensor) and value.shape:
        return value.shape[0]
    if name == "int" and _is_int(value):
        return value
    if name == "enumerate" and isinstance(value, (tuple, list)):
        return list(enumerate(value))
    raise GiveUp(f"{name}() of this value")


def torch_function(path: str, args: list, kwargs: dict) -> Any:
    if path in _FACTORIES:
        return _factory(args, kwargs)
    if path == "torch.manual_seed":
        return None
    if path in _ELEMENTWISE:
        return _first_tensor(args)
    if path in ("torch.softmax", "torch.nn.functional.softmax", "torch.log_softmax",
                "torch.nn.functional.log_softmax"):
        params = bind((("input", None), ("dim", None)), args, kwargs)
        return _with_dim(_first_tensor([params["input"]]), params["dim"])
    if path == "torch.flatten":
        params = bind((("input", None), ("start_dim", 0), ("end_dim", -1)), args, kwargs)
        tensor = _first_tensor([params["input"]])
        return Tensor(_checked(flatten, tensor.shape, params["start_dim"], params["end_dim"]))
    if path in ("torch.cat", "torch.concat"):
        params = bind((("tensors", None), ("dim", 0)), args, kwargs)
        return _cat(params["tensors"], params["dim"])
    raise GiveUp(f"unknown function {path}")


def _factory(args: list, kwargs: dict) -> Tensor:
    kwargs = dict(kwargs)
    dtype = kwargs.pop("dtype", None)
    kwargs.pop("requires_grad", None)
    size = kwargs.pop("size", None)
    if kwargs or (dtype is not None and getattr(dtype, "path", "") not in _FLOAT32):
        raise GiveUp("factory arguments")  # another dtype or a device: not followed
    if size is None:
        size = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
    elif args:
        raise GiveUp("size given twice")
    shape = tuple(size)
    if not shape or not all(_is_int(v) and v > 0 for v in shape) \
            or math.prod(shape) > MAX_ELEMENTS:
        raise GiveUp("factory size")
    return Tensor(shape)


def _first_tensor(args: list) -> Tensor:
    if not args or not isinstance(args[0], Tensor):
        raise GiveUp("expected a tensor")
    return args[0]


def _with_dim(tensor: Tensor, dim: Any) -> Tensor:
    if dim is not None:
        _dim(dim, len(tensor.shape))
    return tensor


def _dim(dim: Any, ndim: int, extra: int = 0) -> int:
    if not _is_int(dim):
        raise GiveUp("dim must be an int")
    if not -(ndim + extra) <= dim < ndim + extra:
        raise Abort("dimension out of range")
    return dim % (ndim + extra)


def _cat(tensors: Any, dim: Any) -> Tensor:
    if not isinstance(tensors, (tuple, list)) or not tensors \
            or not all(isinstance(t, Tensor) for t in tensors):
        raise GiveUp("cat of unknown values")
    first = tensors[0].shape
    axis = _dim(dim, len(first))
    for t in tensors[1:]:
        if len(t.shape) != len(first) or any(
                a != b for i, (a, b) in enumerate(zip(t.shape, first, strict=True)) if i != axis):
            raise Abort("cat sizes differ")
    total = sum(t.shape[axis] for t in tensors)
    return Tensor((*first[:axis], total, *first[axis + 1:]))


def _checked(function: Any, *args: Any) -> Any:
    try:
        return function(*args)
    except GiveUp as error:
        raise Abort(str(error)) from error


def method(tensor: Tensor, name: str, args: list, kwargs: dict) -> Any:
    shape = tensor.shape
    if name in _SAME_METHODS or (name.endswith("_") and name not in _SHAPE_CHANGING_INPLACE
                                 and not name.startswith("_")):
        return Tensor(shape, tensor.contiguous or name == "contiguous")
    if name in ("size", "dim", "numel") and not kwargs:
        return _size(shape, name, args)
    if kwargs:
        raise GiveUp(f"{name}() with keywords")
    if name in ("view", "reshape"):
        wanted = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
        if name == "view" and not tensor.contiguous:
            raise GiveUp("view of a non-contiguous tensor")
        return Tensor(_checked(reshape, shape, tuple(wanted)))
    if name == "flatten":
        start, end = (list(args) + [0, -1][len(args):])[:2] if len(args) <= 2 else (None, None)
        return Tensor(_checked(flatten, shape, start, end))
    return Tensor(*_layout(shape, name, args))


def _size(shape: Shape, name: str, args: list) -> Any:
    if name == "dim" and not args:
        return len(shape)
    if name == "numel" and not args:
        return math.prod(shape)
    if name == "size" and not args:
        return shape
    if name == "size" and len(args) == 1:
        return shape[_dim(args[0], len(shape))]
    raise GiveUp(f"{name}() arguments")


def _layout(shape: Shape, name: str, args: list) -> tuple[Shape, bool]:
    ndim = len(shape)
    if name == "unsqueeze" and len(args) == 1:
        axis = _dim(args[0], ndim, extra=1)
        return (*shape[:axis], 1, *shape[axis:]), True
    if name == "squeeze" and not args:
        return tuple(v for v in shape if v != 1), True
    if name == "squeeze" and len(args) == 1:
        axis = _dim(args[0], ndim)
        return (shape if shape[axis] != 1 else (*shape[:axis], *shape[axis + 1:])), True
    if name == "transpose" and len(args) == 2:
        a, b = _dim(args[0], ndim), _dim(args[1], ndim)
        dims = list(shape)
        dims[a], dims[b] = dims[b], dims[a]
        return tuple(dims), a == b
    if name == "permute":
        order = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
        axes = [_dim(v, ndim) for v in order]
        if sorted(axes) != list(range(ndim)):
            raise Abort("permute needs every dim once")
        return tuple(shape[a] for a in axes), axes == sorted(axes)
    raise GiveUp(f"tensor method {name}")

