"""Run a small PyTorch snippet symbolically (``ast`` only, never torch): what shape comes out?

Straight-line module-level code is followed statement by statement: imports of torch/nn/F,
int and tuple arithmetic, ``torch.rand(...)``-style inputs, layers built from literal
arguments, ``nn.Sequential``, calling a layer on a tensor, ``for layer in net: X = layer(X)``,
``with torch.no_grad():``, ``print(...)``, ``view/reshape/flatten/unsqueeze/...``. Anything
else (a class, a function, ``if``...) leaves the names it touches unknown; using an unknown
name gives up on that statement only. A shape error where torch would raise gives up on the
whole snippet. The answer is the output of the last module call.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from studykit.cards import tensor_ops
from studykit.cards.shapes import GiveUp, Layer, Sequential, Shape, family, make_layer
from studykit.cards.tensor_ops import Abort, Module, Tensor

MAX_STEPS = 20_000
MAX_LOOP = 256
SHAPE_CHANGING = frozenset(["conv", "conv_t", "max_pool", "avg_pool", "adaptive", "linear",
                            "flatten", "unflatten", "zero_pad"])
INPUT_COMMENT = re.compile(r"#\s*(?:输入形状|输入尺寸|输入的形状|输入|input shape|input)\s*[:：=]?\s*"
                            r"[(\[]?\s*(\d+(?:\s*,\s*\d+)+)", re.IGNORECASE)
_NO_GRAD = frozenset(("torch.no_grad", "torch.inference_mode", "torch.enable_grad"))
_PURE_METHODS = frozenset(["parameters", "named_parameters", "children", "named_children",
                           "modules", "named_modules", "state_dict", "size", "dim", "numel",
                           "item", "tolist", "eval", "train", "apply", "zero_grad"])
_BUILTINS = frozenset(["range", "tuple", "list", "len", "int", "print", "enumerate"])
_UNKNOWN = object()


@dataclass
class Step:
    display: str
    shape: Shape
    changes_shape: bool = False


@dataclass
class Call:
    input: Shape
    output: Shape
    steps: list[Step]


@dataclass
class Result:
    input: Shape
    output: Shape
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class _Builtin:
    name: str


@dataclass(frozen=True)
class _Method:
    owner: Any
    name: str


def infer(code: str) -> Result | None:
    """The output shape of the snippet's last module call, or None when not sure."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    run = _Run(code)
    try:
        run.block(tree.body)
        if not run.calls:
            run.apply_to_commented_input()
    except (Abort, GiveUp, RecursionError):
        return None
    if not run.calls:
        return None
    steps = [s for c in run.calls for s in c.steps]
    if not any(s.changes_shape for s in steps):
        return None  # only activations: nothing to compute
    return Result(run.calls[0].input, run.calls[-1].output, steps)


class _Run:
    def __init__(self, code: str) -> None:
        self.code = code
        self.lines = code.encode("utf-8").splitlines(keepends=True)  # ast offsets are bytes
        self.env: dict[str, Any] = {}
        self.calls: list[Call] = []
        self.steps_left = MAX_STEPS
        self.touched: dict[int, list[tuple[str, bool]]] = {}  # _poison's walks, by node id

    # -- statements -------------------------------------------------------------------
    def block(self, body: list[ast.stmt]) -> None:
        for node in body:
            self.statement(node)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, (ast.Raise, ast.Assert, ast.Return, ast.Break, ast.Continue)):
            raise GiveUp("control flow that may stop the program")
        handler = getattr(self, "_" + type(node).__name__, None)
        mark = len(self.calls)
        try:
            if handler is None:
                raise GiveUp(type(node).__name__)
            handler(node)
        except GiveUp:
            del self.calls[mark:]
            self._poison(node)

    def _Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.env[alias.asname] = _module(alias.name)
            else:
                top = alias.name.split(".")[0]
                self.env[top] = _module(top)

    def _ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            full = f"{node.module}.{alias.name}" if node.module and not node.level else ""
            self.env[alias.asname or alias.name] = _module(full)

    def _Assign(self, node: ast.Assign) -> None:
        value = self.ev(node.value)
        for target in node.targets:
            self._bind(target, value)

    def _AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, self.ev(node.value))

    def _AugAssign(self, node: ast.AugAssign) -> None:
        if not isinstance(node.target, ast.Name):
            raise GiveUp("augmented assignment to an attribute")
        current = self.ev(ast.Name(node.target.id, ast.Load()))
        self.env[node.target.id] = tensor_ops.binary(current, node.op, self.ev(node.value))

    def _Expr(self, node: ast.Expr) -> None:
        call = node.value
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) \
                and call.func.id == "print" and "print" not in self.env:
            for arg in call.args:  # print only reads: one argument failing poisons nothing
                mark = len(self.calls)
                try:
                    self.ev(arg.value if isinstance(arg, ast.Starred) else arg)
                except GiveUp:
                    del self.calls[mark:]
                    self._poison(arg)
            return
        self.ev(call)

    def _Pass(self, node: ast.Pass) -> None:
        return

    def _FunctionDef(self, node: ast.FunctionDef | ast.ClassDef) -> None:
        self.env[node.name] = _UNKNOWN

    _AsyncFunctionDef = _ClassDef = _FunctionDef

    def _For(self, node: ast.For) -> None:
        if node.orelse:
            raise GiveUp("for-else")
        items = self.ev(node.iter)
        if isinstance(items, Sequential):
            items = items.layers
        if not isinstance(items, (tuple, list)) or len(items) > MAX_LOOP:
            raise GiveUp("cannot iterate")
        for item in list(items):
            self._bind(node.target, item)
            self.block(node.body)

    def _With(self, node: ast.With) -> None:
        for item in node.items:
            context = item.context_expr
            if item.optional_vars is not None or not isinstance(context, ast.Call) \
                    or getattr(self.ev(context.func), "path", "") not in _NO_GRAD:
                raise GiveUp("unknown context manager")
        self.block(node.body)

    def _bind(self, target: ast.expr, value: Any) -> None:
        if isinstance(target, ast.Name):
            self.env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (tuple, list)) \
                and len(value) == len(target.elts):
            for element, item in zip(target.elts, value, strict=True):
                self._bind(element, item)
        else:
            raise GiveUp("cannot assign")

    def _poison(self, node: ast.AST) -> None:
        """Forget every name a failed statement may have bound or changed."""
        touched = self.touched.get(id(node))
        if touched is None:  # a statement in a loop fails once per pass: walk it once
            touched = self.touched[id(node)] = _touched_names(node)
        env = self.env
        for name, bound in touched:
            if bound or name in env:
                env[name] = _UNKNOWN

    # -- expressions ------------------------------------------------------------------
    def ev(self, node: ast.expr) -> Any:
        self.steps_left -= 1
        if self.steps_left < 0:
            raise Abort("snippet too long to follow")
        evaluate = _EVALUATORS.get(type(node))  # ast.parse makes no subclasses of these
        if evaluate is None:
            raise GiveUp(f"unsupported expression {type(node).__name__}")
        return evaluate(self, node)

    def _ev_constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, (int, float, str, type(None))):
            return node.value
        raise GiveUp("unsupported constant")

    def _ev_name(self, node: ast.Name) -> Any:
        return self._name(node.id)

    def _ev_attribute(self, node: ast.Attribute) -> Any:
        return self._attribute(self.ev(node.value), node.attr)

    def _ev_tuple(self, node: ast.Tuple) -> tuple:
        return tuple(self._items(node.elts))

    def _ev_list(self, node: ast.List) -> list:
        return self._items(node.elts)

    def _ev_subscript(self, node: ast.Subscript) -> Any:
        return tensor_ops.subscript(self.ev(node.value), self._index(node.slice))

    def _ev_binop(self, node: ast.BinOp) -> Any:
        return tensor_ops.binary(self.ev(node.left), node.op, self.ev(node.right))

    def _ev_unaryop(self, node: ast.UnaryOp) -> Any:
        return tensor_ops.unary(node.op, self.ev(node.operand))

    def _name(self, name: str) -> Any:
        value = self.env.get(name, _UNKNOWN)
        if value is _UNKNOWN:
            if name in _BUILTINS and name not in self.env:
                return _Builtin(name)
            raise GiveUp(f"unknown name {name}")
        return value

    def _attribute(self, base: Any, name: str) -> Any:
        if isinstance(base, Module):
            return Module(f"{base.path}.{name}")
        if isinstance(base, Tensor) and name in ("shape", "ndim"):
            return base.shape if name == "shape" else len(base.shape)
        if isinstance(base, (Tensor, Layer, Sequential)) or (
                isinstance(base, list) and name in ("append", "extend")):
            return _Method(base, name)
        raise GiveUp(f"attribute {name}")

    def _items(self, nodes: list[ast.expr]) -> list:
        items: list = []
        for node in nodes:
            if isinstance(node, ast.Starred):
                value = self.ev(node.value)
                if not isinstance(value, (tuple, list)):
                    raise GiveUp("cannot unpack")
                items += value
            else:
                items.append(self.ev(node))
        return items

    def _index(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Slice):
            bounds = [None if part is None else self.ev(part)
                      for part in (node.lower, node.upper, node.step)]
            return slice(*bounds)
        return self.ev(node)

    def _call(self, node: ast.Call) -> Any:
        func = self.ev(node.func)
        args = self._items(node.args)
        if any(k.arg is None for k in node.keywords):
            raise GiveUp("**kwargs")
        kwargs = {k.arg: self.ev(k.value) for k in node.keywords}
        if isinstance(func, (Layer, Sequential)):
            return self.apply(func, args, kwargs)
        if isinstance(func, _Builtin):
            return tensor_ops.builtin(func.name, args, kwargs)
        if isinstance(func, Module):
            return self._torch(func.path, args, kwargs, node)
        if isinstance(func, _Method):
            if isinstance(func.owner, Tensor):
                return tensor_ops.method(func.owner, func.name, args, kwargs)
            if isinstance(func.owner, list):
                return _list_method(func.owner, func.name, args, kwargs)
            return self._module_method(func.owner, func.name, args, kwargs)
        raise GiveUp("unknown callable")

    def _torch(self, path: str, args: list, kwargs: dict, node: ast.Call) -> Any:
        namespace, _, name = path.rpartition(".")
        if namespace == "torch.nn":
            display = self._segment(node) or f"nn.{name}(...)"
            if name == "Sequential":
                if kwargs or not all(isinstance(a, (Layer, Sequential)) for a in args):
                    raise GiveUp("Sequential of unknown modules")
                return Sequential(list(args), display)
            return make_layer(name, args, kwargs, " ".join(display.split()))
        return tensor_ops.torch_function(path, args, kwargs)

    def _segment(self, node: ast.expr) -> str:
        """The source text of ``node`` (``ast.get_source_segment`` splits the code each time)."""
        first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
        if first == last:
            return self.lines[first][node.col_offset:node.end_col_offset].decode("utf-8")
        middle = self.lines[first + 1:last]
        pieces = [self.lines[first][node.col_offset:], *middle,
                  self.lines[last][:node.end_col_offset]]
        return b"".join(pieces).decode("utf-8")

    def _module_method(self, owner: Layer | Sequential, name: str, args: list,
                       kwargs: dict) -> Any:
        if name in ("eval", "train", "apply", "requires_grad_", "zero_grad", "float"):
            return owner
        if name == "forward":
            return self.apply(owner, args, kwargs)
        if isinstance(owner, Sequential) and name in ("append", "add_module") and args:
            module = args[-1]
            if not isinstance(module, (Layer, Sequential)) or len(args) > 2 or kwargs:
                raise GiveUp("cannot append")
            owner.layers.append(module)
            return owner
        raise GiveUp(f"module method {name}")

    def apply(self, module: Layer | Sequential, args: list, kwargs: dict) -> Tensor:
        if len(args) != 1 or kwargs or not isinstance(args[0], Tensor):
            raise GiveUp("a module is called on one tensor")
        steps: list[Step] = []
        try:
            shape = _forward(module, args[0].shape, steps)
        except GiveUp as error:
            raise Abort(str(error)) from error  # torch would raise here
        self.calls.append(Call(args[0].shape, shape, steps))
        return Tensor(shape)

    def apply_to_commented_input(self) -> None:
        """No call in the code: feed the last network to the shape a comment gives."""
        found = INPUT_COMMENT.search(self.code)
        nets = [v for v in self.env.values() if isinstance(v, Sequential)]
        if found and nets:
            shape = tuple(int(v) for v in found.group(1).split(","))
            self.apply(nets[-1], [Tensor(shape)], {})


_EVALUATORS = {ast.Constant: _Run._ev_constant, ast.Name: _Run._ev_name,
               ast.Attribute: _Run._ev_attribute, ast.Tuple: _Run._ev_tuple,
               ast.List: _Run._ev_list, ast.Subscript: _Run._ev_subscript,
               ast.BinOp: _Run._ev_binop, ast.UnaryOp: _Run._ev_unaryop, ast.Call: _Run._call}


def _touched_names(node: ast.AST) -> list[tuple[str, bool]]:
    """The names a statement may bind or change, in ``ast.walk`` order: ``(name, True)`` for
    a name it binds, ``(name, False)`` for the root of an object it may change (forgotten only
    where known)."""
    touched = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            touched.append((sub.id, True))
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            touched.append((sub.name, True))
        elif isinstance(sub, (ast.Attribute, ast.Subscript)) and isinstance(sub.ctx, ast.Store):
            touched += _root(sub)
        elif isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Attribute) and func.attr not in _PURE_METHODS:
                touched += _root(func.value)
            elif not (isinstance(func, ast.Name) and func.id in _BUILTINS):
                for arg in [*sub.args, *(k.value for k in sub.keywords)]:
                    touched += _root(arg)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            for alias in sub.names:
                touched.append(((alias.asname or alias.name).split(".")[0], True))
    return touched


def _root(node: ast.AST) -> list[tuple[str, bool]]:
    """``[(name, False)]`` for the name an attribute/subscript chain starts from, else []."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
        node = node.value
    return [(node.id, False)] if isinstance(node, ast.Name) else []


def _forward(module: Layer | Sequential, shape: Shape, steps: list[Step]) -> Shape:
    if isinstance(module, Sequential):
        for child in module.layers:
            shape = _forward(child, shape, steps)
        return shape
    shape = module.out(shape)
    steps.append(Step(module.display or module.name, shape, family(module.name) in SHAPE_CHANGING))
    return shape


def _list_method(items: list, name: str, args: list, kwargs: dict) -> None:
    if kwargs or len(args) != 1 or (name == "extend" and not isinstance(args[0], (list, tuple))):
        raise GiveUp(f"list.{name}")
    if name == "append":
        items.append(args[0])
    else:
        items.extend(args[0])


def _module(path: str) -> Any:
    return Module(path) if path == "torch" or path.startswith("torch.") else _UNKNOWN

