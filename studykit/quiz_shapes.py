"""Shape questions for the quiz: random layer stacks, their answers, near-miss answers.

Answers come from the static shape arithmetic of ``studykit.cards.shapes`` (checked against
torch in the tests), in this process: no torch, no child process, no cache file. A
generated stack is one the arithmetic can answer exactly (it gives up otherwise, and the
stack is drawn again); :meth:`ShapeProblem.trace` gives the shape after every layer, which
the quiz shows as the working when an answer is wrong.

The near-miss arithmetic here computes the shapes a learner gets by forgetting the padding,
the stride (or that a pool's stride defaults to its kernel), the ``+ 1``, or by rounding up.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from random import Random
from typing import Any

from studykit.cards.shapes import GiveUp, make_layer
from studykit.errors import StudykitError

Shape = tuple[int, ...]
LayerSpec = tuple[str, tuple, tuple]  # name, positional args, ((keyword, value), ...)
MAX_ELEMENTS = 2_000_000  # per intermediate tensor: sizes a learner can work out
OUT_FEATURES = (10, 10, 2, 100)


@dataclass(frozen=True)
class ShapeProblem:
    """``input`` through ``layers``; ``ask`` is ``shape`` (the output shape) or
    ``in_features`` (the Linear after the final Flatten)."""

    input: Shape
    layers: tuple[LayerSpec, ...]
    ask: str = "shape"
    out_features: int = 10

    def key(self) -> str:
        """The canonical question (two problems with the same key ask the same thing)."""
        return json.dumps(self.request(), sort_keys=True, separators=(",", ":"))

    def request(self) -> dict[str, Any]:
        return {"input": list(self.input),
                "layers": [[name, list(args), dict(kwargs)] for name, args, kwargs in self.layers]}

    def trace(self) -> list[Shape]:
        """The shape after each layer, from the static arithmetic (GiveUp where it is not
        sure to match torch)."""
        shapes, shape = [], self.input
        for layer in self.layers:
            shape = static_out(layer, shape)
            shapes.append(shape)
        return shapes

    def working(self, trace: list[Shape]) -> list[str]:
        """The answer worked out: the shape after each layer, then the in_features sum."""
        lines = [f"x: {format_shape(self.input)}"]
        lines += [f"{display(layer)} → {format_shape(shape)}"
                  for layer, shape in zip(self.layers, trace, strict=True)]
        if self.ask == "in_features":
            before = trace[-2] if len(trace) > 1 else self.input
            factors = " × ".join(str(v) for v in before[1:])
            lines.append(f"in_features = {factors} = {math.prod(before[1:])}")
        return lines

    def prompt(self) -> str:
        steps = [f"x: {format_shape(self.input)}", *(display(layer) for layer in self.layers)]
        if self.ask == "in_features":
            return " → ".join([*steps, f"nn.Linear(?, {self.out_features})"]) + (
                ": in_features of the Linear after Flatten?")
        return " → ".join([*steps, "shape?"])

    def answer_text(self, shape: Shape) -> str:
        return str(math.prod(shape[1:])) if self.ask == "in_features" else format_shape(shape)


def format_shape(shape: Shape) -> str:
    return "(" + ", ".join(str(v) for v in shape) + ")"


def display(layer: LayerSpec) -> str:
    name, args, kwargs = layer
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs]
    return f"nn.{name}({', '.join(parts)})"


# -- random problems ------------------------------------------------------------------
def _conv(rng: Random, channels: int) -> LayerSpec:
    k = rng.choice((1, 3, 3, 5, 5, 7))
    return ("Conv2d", (channels, rng.choice((6, 8, 16, 32))),
            (("kernel_size", k), ("stride", rng.choice((1, 1, 2))),
             ("padding", rng.randint(0, k // 2))))


def _pool(rng: Random, channels: int) -> LayerSpec:
    k = rng.choice((2, 2, 3))
    if rng.random() < 0.5:
        return ("MaxPool2d", (k,), ())
    return ("MaxPool2d", (k,), (("stride", rng.choice((1, 2))), ("padding", rng.randint(0, k // 2))))


def _transpose(rng: Random, channels: int) -> LayerSpec:
    k, stride = rng.choice((2, 3, 4)), rng.choice((1, 2, 2))
    kwargs = [("kernel_size", k), ("stride", stride), ("padding", rng.randint(0, 1))]
    if stride > 1 and rng.random() < 0.4:
        kwargs.append(("output_padding", 1))
    return ("ConvTranspose2d", (channels, rng.choice((4, 8, 16))), tuple(kwargs))


_FIRST = (_conv, _conv, _conv, _conv, _pool, _transpose)
_LATER = (_conv, _conv, _pool, _pool, _transpose)


def random_problem(rng: Random) -> ShapeProblem:
    """A valid stack (checked with the static arithmetic) with random parameters."""
    for _ in range(200):
        ask = rng.choice(("shape", "shape", "in_features"))
        size = rng.choice((7, 12, 14, 15, 16, 20, 24, 28, 31, 32, 33, 48, 64))
        shape: Shape = (rng.choice((1, 2, 4, 8, 16)), rng.choice((1, 3, 3, 8, 16)), size,
                        size if rng.random() < 0.8 else rng.choice((16, 24, 30, 32)))
        layers = []
        try:
            current = shape
            for index in range(rng.randint(1, 3)):
                layer = rng.choice(_LATER if index else _FIRST)(rng, current[1])
                current = static_out(layer, current)
                layers.append(layer)
        except GiveUp:
            continue
        if ask == "in_features":
            layers.append(("Flatten", (), ()))
        problem = ShapeProblem(shape, tuple(layers), ask, rng.choice(OUT_FEATURES))
        try:
            problem.trace()
        except GiveUp:
            continue
        return problem
    raise StudykitError("could not generate a shape question")  # pragma: no cover


def static_out(layer: LayerSpec, shape: Shape) -> Shape:
    """The static arithmetic's answer; GiveUp for stacks that are invalid or too big."""
    name, args, kwargs = layer
    out = make_layer(name, list(args), dict(kwargs)).out(shape)
    if any(v < 1 or v > 256 for v in out[2:]) or math.prod(out) > MAX_ELEMENTS:
        raise GiveUp("too small or too big for a quiz")
    return out


# -- near misses ------------------------------------------------------------------------
MISTAKES = {
    "Conv2d": ("no_pad", "no_stride", "ceil", "no_plus_one", "keep_channels"),
    "MaxPool2d": ("no_pad", "no_stride", "ceil", "no_plus_one"),
    "ConvTranspose2d": ("no_pad", "no_stride", "no_output_padding", "conv_formula",
                        "keep_channels"),
}


def _size(name: str, p: dict, size: int, mistake: str | None) -> int:
    k, pad = p["kernel_size"], 0 if mistake == "no_pad" else p["padding"]
    stride = 1 if mistake == "no_stride" else (p.get("stride") or k)
    if name == "ConvTranspose2d" and mistake != "conv_formula":
        extra = 0 if mistake == "no_output_padding" else p["output_padding"]
        return (size - 1) * stride - 2 * pad + (k - 1) + extra + 1
    span = size + 2 * pad - k
    if mistake == "ceil":
        return -(-span // stride) + 1
    return span // stride + (0 if mistake == "no_plus_one" else 1)


def near_out(layer: LayerSpec, shape: Shape, mistake: str | None = None) -> Shape:
    """The output shape, computed right (``mistake=None``) or the way a mistake does it."""
    name, args, kwargs = layer
    if name == "Flatten":
        return (shape[0], math.prod(shape[1:]))
    p = make_layer(name, list(args), dict(kwargs)).params
    channels = shape[1] if name == "MaxPool2d" or mistake == "keep_channels" else p["out_channels"]
    return (shape[0], channels, *(_size(name, p, s, mistake) for s in shape[2:]))


def near_misses(problem: ShapeProblem, answer: Shape) -> list[str]:
    """Answers from one mistake in one layer (and, for in_features, forgetting the channels
    or flattening the batch too), each differing from ``answer``; most telling first."""
    found: list[str] = []
    for index, layer in enumerate(problem.layers):
        for mistake in MISTAKES.get(layer[0], ()):
            shape = problem.input
            for j, each in enumerate(problem.layers):
                shape = near_out(each, shape, mistake if j == index else None)
            if all(v > 0 for v in shape):
                found.append(problem.answer_text(shape))
    if problem.ask == "in_features":
        before = problem.input
        for layer in problem.layers[:-1]:
            before = near_out(layer, before)
        found += [str(math.prod(before[2:])), str(math.prod(before))]
    right = problem.answer_text(answer)
    return list(dict.fromkeys(t for t in found if t != right))
