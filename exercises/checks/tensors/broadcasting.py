import torch

from studykit.grading.kit import Case, plain_words

PAIRS = [((5, 3), (3,)), ((4, 1), (1, 6)), ((2, 1, 3), (7, 1)), ((3,), (4,)), ((), (2, 3)),
         ((1,), (0,)), ((0,), (3,)), ((8, 1, 6, 1), (7, 1, 5)), ((2, 3), (2, 1, 3)),
         ((3, 1), (1,)), ((6, 5), (6,)), ((1, 1), (1, 1, 1))]


def _torch_says(a, b):
    try:
        return tuple(torch.broadcast_shapes(a, b))
    except RuntimeError:
        return "error"


def _yours(m, a, b):
    try:
        result = m.broadcast_shape(a, b)
    except ValueError as exc:
        return {"error": str(exc)}
    return {"result": result, "type": type(result).__name__,
            "ints": isinstance(result, tuple) and all(type(v) is int for v in result)}


def _shapes(m):
    return [{"a": a, "b": b, "yours": _yours(m, a, b), "torch": _torch_says(a, b)}
            for a, b in PAIRS]


@plain_words
def verify_shapes(got, expected):
    for row in got:
        a, b, yours, theirs = row["a"], row["b"], row["yours"], row["torch"]
        if theirs == "error":
            if "error" not in yours:
                raise AssertionError(f"broadcast_shape({a}, {b}) returned {yours['result']}, "
                                     "but these shapes cannot be broadcast: raise ValueError")
            sizes = {s for s in (*a, *b)}
            if not any(str(s) in yours["error"] for s in sizes if s != 1):
                raise AssertionError(f"broadcast_shape({a}, {b}): the ValueError should name "
                                     f"the incompatible sizes; it says {yours['error']!r}")
            continue
        if "error" in yours:
            raise AssertionError(f"broadcast_shape({a}, {b}) raised ValueError "
                                 f"({yours['error']}); torch gives {theirs}")
        if not yours["ints"]:
            raise AssertionError(f"broadcast_shape({a}, {b}) returned a {yours['type']}: "
                                 "return a tuple of ints")
        if tuple(yours["result"]) != tuple(theirs):
            raise AssertionError(f"broadcast_shape({a}, {b}) returned {yours['result']}, "
                                 f"torch.broadcast_shapes gives {theirs}: align the shapes "
                                 "from the right; a size 1 takes the other size, even 0")


def _inplace(m):
    rows = []
    for a, b in PAIRS + [((3, 4), (4, 3)), ((1, 4), (3, 4)), ((3, 4), (1, 4))]:
        try:
            torch.zeros(a).add_(torch.zeros(b))
            works = True
        except RuntimeError:
            works = False
        rows.append({"a": a, "b": b, "yours": m.can_add_inplace(a, b), "torch": works})
    return rows


@plain_words
def verify_inplace(got, expected):
    for row in got:
        if type(row["yours"]) is not bool:
            raise AssertionError(f"can_add_inplace({row['a']}, {row['b']}) returned "
                                 f"{row['yours']!r}; return True or False")
        if row["yours"] != row["torch"]:
            verb = "works" if row["torch"] else "fails"
            raise AssertionError(f"can_add_inplace({row['a']}, {row['b']}) is {row['yours']}, "
                                 f"but torch.zeros({row['a']}).add_(torch.zeros({row['b']})) "
                                 f"{verb}")


def cases(ctx):
    u = ctx.tensor([1.0, -2.0, 3.0])
    v = ctx.tensor([10.0, 20.0, 30.0, 40.0])
    ui = ctx.tensor([1, 2])
    vi = ctx.tensor([3, 4, 5])
    w = ctx.randn(5, seed=1, dtype=torch.float64)
    return [
        Case("broadcast_shape agrees with torch.broadcast_shapes on 12 pairs", _shapes,
             verify="verify_shapes"),
        Case("outer_sum of (3,) and (4,) -> (3, 4)", lambda m: m.outer_sum(u, v),
             inputs=(u, v)),
        Case("outer_sum of int64 vectors", lambda m: m.outer_sum(ui, vi), inputs=(ui, vi)),
        Case("outer_sum of a vector with itself (5, 5), float64", lambda m: m.outer_sum(w, w)),
        Case("outer_product of (3,) and (4,)", lambda m: m.outer_product(u, v), inputs=(u, v)),
        Case("outer_product equals torch.outer", lambda m: m.outer_product(w, u.double()) -
             torch.outer(w, u.double()), atol=1e-12, rtol=0),
        Case("outer_product of length-1 vectors", lambda m: m.outer_product(u[:1], v[:1])),
        Case("can_add_inplace agrees with a real a.add_(b)", _inplace, verify="verify_inplace"),
    ]
