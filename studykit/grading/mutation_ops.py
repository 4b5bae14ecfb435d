"""The mutation operators of :mod:`studykit.grading.mutants`: where a change can go, and
the change (each finder yields ``(key, change)`` pairs for one syntax-tree node). No torch."""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator

REDUCTIONS = {"sum", "mean", "softmax", "log_softmax", "max", "min", "argmax", "argmin",
              "cumsum", "std", "var", "norm", "logsumexp", "prod", "amax", "amin", "all",
              "any", "cat", "stack", "unsqueeze", "squeeze", "flatten", "count_nonzero"}
DROPPABLE_METHODS = {"detach", "clamp", "clamp_min", "clamp_max", "clone", "contiguous",
                     "item", "float", "double", "requires_grad_", "t"}
SWAPPED_FUNCTIONS = {"log1p": "log", "expm1": "exp", "log": "log1p", "sum": "mean",
                     "mean": "sum", "max": "min", "min": "max", "amax": "amin",
                     "amin": "amax", "relu": "sigmoid", "sigmoid": "tanh", "tanh": "sigmoid",
                     "eval": "train", "train": "eval", "zeros": "ones", "ones": "zeros",
                     "zeros_like": "ones_like", "ones_like": "zeros_like",
                     "logsumexp": "sum", "softmax": "log_softmax",
                     "tensor": "Tensor", "Tensor": "tensor", "any": "all", "all": "any"}
KEPT_KEYWORDS = {"generator", "device", "strict", "requires_grad"}  # not dropped alone
COUNTER_VALUES = ("item", "len", "numel", "size")  # `total += loss.item()`: numbers, not tensors
IN_PLACE = {"add_", "sub_", "mul_", "div_", "zero_", "fill_", "clamp_", "relu_", "copy_",
            "normal_", "uniform_", "pow_", "sqrt_", "exp_", "neg_", "addmm_", "addcmul_",
            "masked_fill_", "index_add_", "scatter_", "scatter_add_", "fill_diagonal_"}
OUT_OF_PLACE = {name[:-1] for name in IN_PLACE}
FLAG_KEYWORDS = {"keepdim", "unbiased", "bias", "inplace", "batch_first", "bidirectional",
                 "retain_graph", "create_graph", "drop_last", "shuffle", "replacement",
                 "ceil_mode", "count_include_pad", "affine", "track_running_stats",
                 "align_corners", "largest", "sorted", "descending", "training",
                 "requires_grad", "allow_unused", "non_blocking", "pin_memory"}
COMPARE_SWAP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
                ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
ARITH_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
              ast.FloorDiv: ast.Div, ast.Pow: ast.Mult}


Change = Callable[[ast.AST, dict], None]  # mutate the copy of the node (parents given)


def sites(node: ast.AST) -> Iterator[tuple[str, Change]]:
    for finder in (_dims, _constants, _dropped_statements, _dropped_methods, _swapped_names,
                   _n_minus_one, _children, _generators, _in_place, _flags, _comparisons,
                   _arithmetic, _no_grad, _dropped_keywords, _conditions, _fresh_copies,
                   _builtins):
        yield from finder(node)


def _code(node: ast.AST, limit: int = 60) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _replace(parents: dict, old: ast.AST, new: ast.AST) -> None:
    parent = parents[id(old)]
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new
                    return
    raise KeyError("node not found in its parent")


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _int_constant(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
            and isinstance(node.operand, ast.Constant) and type(node.operand.value) is int:
        return -node.operand.value
    return None


def _other_dim(value: int) -> int:
    return {0: 1, 1: 0, -1: 0, -2: -1, 2: 1}.get(value, 0)


def _dims(node: ast.AST):
    """The other dimension for a reduction (``dim=``, or the first int argument)."""
    if not isinstance(node, ast.Call) or _call_name(node) not in REDUCTIONS:
        return
    for kw in node.keywords:
        value = _int_constant(kw.value) if kw.arg in ("dim", "axis") else None
        if value is not None:
            new = _other_dim(value)

            def change(n, parents, arg=kw.arg, new=new):
                for k in n.keywords:
                    if k.arg == arg:
                        k.value = ast.Constant(new)
            yield f"dim: {_code(node)} with dim={new}", change
    is_method = isinstance(node.func, ast.Attribute) and not (
        isinstance(node.func.value, ast.Name) and node.func.value.id in ("torch", "F"))
    position = 0 if is_method else 1
    if len(node.args) > position and _int_constant(node.args[position]) is not None:
        new = _other_dim(_int_constant(node.args[position]))

        def change(n, parents, position=position, new=new):
            n.args[position] = ast.Constant(new)
        yield f"dim: {_code(node)} over dim {new}", change


def _constants(node: ast.AST):
    """An integer constant off by one (not 0 and 1 used as dims: those have their own)."""
    if isinstance(node, ast.Constant) and type(node.value) is int and node.value >= 2:
        def change(n, parents):
            n.value = n.value + 1
        yield f"constant: {node.value} -> {node.value + 1}", change
    if isinstance(node, ast.Constant) and type(node.value) is float and node.value not in (0.0,):
        def change(n, parents):
            n.value = n.value * 2
        yield f"constant: {node.value!r} -> {node.value * 2!r}", change


def _dropped_statements(node: ast.AST):
    """A call statement left out (``optimizer.zero_grad()``, ``model.eval()``...)."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        def change(n, parents):
            _replace(parents, n, ast.Pass())
        yield f"drop call: {_code(node.value)}", change


def _dropped_methods(node: ast.AST):
    """``x.detach()``, ``x.clamp(...)``, ``x.clone()``... replaced by ``x``;
    ``torch.clamp(x, ...)`` by ``x``."""
    if not isinstance(node, ast.Call):
        return
    name = _call_name(node)
    if name in DROPPABLE_METHODS and isinstance(node.func, ast.Attribute):
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and receiver.id in ("torch", "F"):
            if node.args:
                def change(n, parents):
                    _replace(parents, n, n.args[0])
                yield f"drop {name}: {_code(node)}", change
            return

        def change(n, parents):
            _replace(parents, n, n.func.value)
        yield f"drop {name}: {_code(node)}", change


def _swapped_names(node: ast.AST):
    """``log1p`` -> ``log``, ``sum`` <-> ``mean``, ``max`` <-> ``min``, ``eval`` <-> ``train``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in SWAPPED_FUNCTIONS:
        new = SWAPPED_FUNCTIONS[node.func.attr]

        def change(n, parents, new=new):
            n.func.attr = new
        yield f"swap: {_code(node)} with .{new}", change


def _n_minus_one(node: ast.AST):
    """``n - 1`` -> ``n`` and ``n + 1`` -> ``n`` (and ``len(x)`` -> ``len(x) - 1``)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Sub, ast.Add)) \
            and _int_constant(node.right) == 1:
        def change(n, parents):
            _replace(parents, n, n.left)
        yield f"off by one: {_code(node)} -> {_code(node.left)}", change
    if isinstance(node, ast.Call) and _call_name(node) == "len":
        def change(n, parents):
            _replace(parents, n, ast.BinOp(copy.deepcopy(n), ast.Sub(), ast.Constant(1)))
        yield f"off by one: {_code(node)} - 1", change


def _children(node: ast.AST):
    """``m.children()`` <-> ``m._modules.values()``."""
    if isinstance(node, ast.Call) and _call_name(node) == "children" \
            and isinstance(node.func, ast.Attribute):
        def change(n, parents):
            _replace(parents, n, ast.Call(ast.Attribute(ast.Attribute(
                n.func.value, "_modules", ast.Load()), "values", ast.Load()), [], []))
        yield f"children: {_code(node)} -> _modules.values()", change
    if isinstance(node, ast.Call) and _call_name(node) == "values" \
            and isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "_modules":
        def change(n, parents):
            _replace(parents, n, ast.Call(ast.Attribute(n.func.value.value, "children",
                                                        ast.Load()), [], []))
        yield f"children: {_code(node)} -> children()", change


def _generators(node: ast.AST):
    """A generator function turned into one returning a list of what it yielded."""
    if not isinstance(node, ast.FunctionDef):
        return
    if not any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)):
        return

    def change(n, parents):
        acc = "_mutant_items"
        for inner in list(ast.walk(n)):
            for _field, value in ast.iter_fields(inner):
                if not isinstance(value, list):
                    continue
                for i, stmt in enumerate(value):
                    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Yield):
                        value[i] = ast.Expr(ast.Call(ast.Attribute(ast.Name(acc, ast.Load()),
                                            "append", ast.Load()),
                                            [stmt.value.value or ast.Constant(None)], []))
                    elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.YieldFrom):
                        value[i] = ast.Expr(ast.Call(ast.Attribute(ast.Name(acc, ast.Load()),
                                            "extend", ast.Load()), [stmt.value.value], []))
                    elif isinstance(stmt, ast.Return) and stmt.value is None:
                        value[i] = ast.Return(ast.Name(acc, ast.Load()))
        n.body.insert(0, ast.Assign([ast.Name(acc, ast.Store())], ast.List([], ast.Load())))
        n.body.append(ast.Return(ast.Name(acc, ast.Load())))
    yield f"list instead of a generator: {node.name}", change


def _in_place(node: ast.AST):
    """``x.add_(y)`` -> ``x.add(y)`` (result lost) and ``x.add(y)`` -> ``x.add_(y)`` (the
    input changed); ``a += b`` -> ``a = a + b``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        name = node.func.attr
        if name in IN_PLACE:
            def change(n, parents):
                n.func.attr = n.func.attr[:-1]
            yield f"out of place: {_code(node)}", change
        elif name in OUT_OF_PLACE and _changes_a_variable(node):
            def change(n, parents):
                n.func.attr = n.func.attr + "_"
            yield f"in place: {_code(node)}", change
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) \
            and not _is_number_like(node.value) and node.target.id not in NUMBER_NAMES:
        def change(n, parents):
            _replace(parents, n, ast.Assign([n.target], ast.BinOp(
                ast.Name(n.target.id, ast.Load()), n.op, n.value)))
        yield f"out of place: {_code(node)}", change


NUMBER_NAMES: set[str] = set()  # names bound to number literals in the file being mutated


def number_names(tree: ast.AST) -> set[str]:
    """Names assigned a number literal somewhere (``total, count = 0.0, 0``): ``+=`` on
    them is arithmetic, never an in-place tensor operation."""
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = (zip(target.elts, node.value.elts, strict=False) if isinstance(target, ast.Tuple)
                     and isinstance(node.value, ast.Tuple) else [(target, node.value)])
            for name, value in pairs:
                if isinstance(name, ast.Name) and isinstance(value, ast.Constant) \
                        and type(value.value) in (int, float):
                    names.add(name.id)
    return names


def _changes_a_variable(call: ast.Call) -> bool:
    """Whether the in-place form would change a variable (``x.add_(y)``, ``torch.exp_(x)``)
    rather than a temporary result (``F.relu_(conv(x))`` is the same as ``F.relu``)."""
    func = call.func
    module_call = isinstance(func.value, ast.Name) and func.value.id in ("torch", "F")
    target = call.args[0] if module_call and call.args else (None if module_call else func.value)
    return isinstance(target, (ast.Name, ast.Attribute, ast.Subscript))


def _is_number_like(value: ast.AST) -> bool:
    if isinstance(value, ast.Constant):
        return True
    return isinstance(value, ast.Call) and _call_name(value) in COUNTER_VALUES


def _flags(node: ast.AST):
    """A boolean keyword flipped (``keepdim=True``, ``bias=False``, ``inplace=True``...)."""
    if not isinstance(node, ast.Call):
        return
    for kw in node.keywords:
        if kw.arg in FLAG_KEYWORDS and isinstance(kw.value, ast.Constant) \
                and type(kw.value.value) is bool:
            def change(n, parents, arg=kw.arg):
                for k in n.keywords:
                    if k.arg == arg:
                        k.value = ast.Constant(not k.value.value)
            yield f"flag: {kw.arg}={not kw.value.value} in {_code(node)}", change


def _comparisons(node: ast.AST):
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARE_SWAP:
        def change(n, parents):
            n.ops = [COMPARE_SWAP[type(n.ops[0])]()]
        yield f"compare: {_code(node)} with {COMPARE_SWAP[type(node.ops[0])].__name__}", change


def _arithmetic(node: ast.AST):
    if isinstance(node, ast.BinOp) and type(node.op) in ARITH_SWAP:
        new = ARITH_SWAP[type(node.op)]

        def change(n, parents, new=new):
            n.op = new()
        yield f"arithmetic: {_code(node)} with {new.__name__}", change


def _no_grad(node: ast.AST):
    """A ``with torch.no_grad():`` (or ``inference_mode``) block run with gradients on."""
    if isinstance(node, ast.With) and any(
            isinstance(item.context_expr, ast.Call)
            and _call_name(item.context_expr) in ("no_grad", "inference_mode")
            for item in node.items):
        def change(n, parents):
            parent = parents[id(n)]
            for _field, value in ast.iter_fields(parent):
                if isinstance(value, list) and n in value:
                    i = value.index(n)
                    value[i:i + 1] = n.body
                    return
        yield f"no no_grad: {_code(node.items[0].context_expr)} block", change


def _dropped_keywords(node: ast.AST):
    """A keyword argument forgotten (``dtype=``, ``dim=``, ``keepdim=``, ``reduction=``)."""
    if not isinstance(node, ast.Call):
        return
    for kw in node.keywords:
        if kw.arg and kw.arg not in KEPT_KEYWORDS and not _is_default_stride(node, kw):
            def change(n, parents, arg=kw.arg):
                n.keywords = [k for k in n.keywords if k.arg != arg]
            yield f"drop keyword: {kw.arg}= in {_code(node)}", change


def _is_default_stride(call: ast.Call, kw: ast.keyword) -> bool:
    """Pooling's ``stride=`` equal to its ``kernel_size=``: the default, dropping it is
    no change."""
    if kw.arg != "stride" or not (_call_name(call) or "").endswith("Pool2d"):
        return False
    sizes = [k.value for k in call.keywords if k.arg == "kernel_size"] or call.args[:1]
    return bool(sizes) and ast.dump(sizes[0]) == ast.dump(kw.value)


def _conditions(node: ast.AST):
    """A condition negated, a filter forgotten, ``or`` for ``and``."""
    if isinstance(node, (ast.If, ast.IfExp, ast.While)):
        def change(n, parents):
            n.test = ast.UnaryOp(ast.Not(), n.test)
        yield f"negate: {_code(node.test)}", change
    if isinstance(node, ast.comprehension) and node.ifs:
        def change(n, parents):
            n.ifs = []
        yield f"drop filter: if {_code(node.ifs[0])}", change
    if isinstance(node, ast.BoolOp):
        new = ast.And if isinstance(node.op, ast.Or) else ast.Or

        def change(n, parents, new=new):
            n.op = new()
        yield f"boolean: {_code(node)} with {new.__name__.lower()}", change
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        def change(n, parents):
            _replace(parents, n, n.operand)
        yield f"drop not: {_code(node)}", change


def _fresh_copies(node: ast.AST):
    """One module (or tensor) used twice replaced, at its second use, by a fresh one made
    the same way: ``shared = nn.Linear(4, 4)`` ... ``shared`` -> ``nn.Linear(4, 4)``."""
    if not isinstance(node, ast.FunctionDef):
        return
    made = {t.id: stmt.value for stmt in node.body if isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Call) and _makes_an_instance(stmt.value)
            for t in stmt.targets if isinstance(t, ast.Name)}
    for name, call in made.items():
        uses = [n for n in ast.walk(node) if isinstance(n, ast.Name) and n.id == name
                and isinstance(n.ctx, ast.Load)]
        if len(uses) < 2:
            continue

        def change(n, parents, name=name, call=call):
            later = [u for u in ast.walk(n) if isinstance(u, ast.Name) and u.id == name
                     and isinstance(u.ctx, ast.Load)]
            _replace(parents, later[1], copy.deepcopy(call))
        yield f"fresh copy: second use of {name} is a new {_code(call.func)}", change


def _makes_an_instance(call: ast.Call) -> bool:
    """A constructor of something with state (``nn.Linear(...)``, ``torch.optim.SGD(...)``,
    ``MyBlock()``), not a pure computation whose fresh copy would be equal."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return bool(name) and name[0].isupper()


def _builtins(node: ast.AST):
    """``sum`` -> ``len``/``max``, ``max`` <-> ``min``, ``list(...)`` left out."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return
    swaps = {"max": "min", "min": "max", "sum": "max", "any": "all", "all": "any",
             "round": "int", "int": "round", "abs": "float", "sorted": "list"}
    if node.func.id in swaps:
        new = swaps[node.func.id]

        def change(n, parents, new=new):
            n.func.id = new
        yield f"swap: {_code(node)} with {new}", change
    if node.func.id in ("list", "tuple", "int", "float") and len(node.args) == 1:
        def change(n, parents):
            _replace(parents, n, n.args[0])
        yield f"drop {node.func.id}: {_code(node)}", change
