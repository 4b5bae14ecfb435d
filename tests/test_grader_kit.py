"""The authoring kit, the results channel and the mutation testing of the checks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import torch

from studykit.exercises.catalog import catalog_root, load_catalog
from studykit.grading import channel
from studykit.grading.channel import ChannelError, Opaque, TensorObs
from studykit.grading.client import Worker
from studykit.grading.devcheck import run_mutants, sample
from studykit.grading.kit import Case, Ctx, gradient, rows_agree
from studykit.grading.mutants import generate, load_reviewed

COURSE = Path(__file__).parent / "fixtures" / "course"


# -- the kit, in this process ---------------------------------------------------------

def test_ctx_watches_values_requires_grad_and_grad():
    ctx = Ctx()
    x = ctx.randn(4, 3, seed=1)
    w = ctx.randn(3, seed=2).requires_grad_(True)
    case = Case("c", lambda m: None)
    watch = ctx.watch(case)
    assert watch.changes() == []
    x.mul_(1)  # same values, but an in-place op all the same
    w.grad = torch.ones(3)
    assert watch.changes() == ["the input tensor of shape (4, 3): its values",
                               "the input tensor of shape (3,): .grad"]
    again = ctx.watch(case)
    x.requires_grad_(True)
    assert again.changes() == ["the input tensor of shape (4, 3): requires_grad (False -> True)"]


def test_nan_inputs_are_not_reported_as_changed():
    ctx = Ctx()
    ctx.tensor([1.0, float("nan")])
    assert ctx.watch(Case("c", lambda m: None)).changes() == []


def test_a_case_that_changes_its_inputs_on_purpose_is_not_watched():
    ctx = Ctx()
    x = ctx.randn(2, seed=1)
    watch = ctx.watch(Case("c", lambda m: None, changes_inputs=True))
    x.add_(1)
    assert watch.changes() == []


def test_unknown_relax_is_refused():
    with pytest.raises(ValueError, match="relax: unknown"):
        Case("c", lambda m: None, relax=("shape",))


def test_verify_functions_fail_in_plain_words():
    case = Case("c", lambda m: None, verify=lambda got, expected: got["loss"] < 1)
    with pytest.raises(AssertionError, match=r"^your result does not have the documented "
                                             r"form \(TypeError: 'NoneType' object is not "
                                             r"subscriptable\)$"):
        case.verify(None, None)


def test_gradient_helper_weights_every_element():
    x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)

    class Module:
        @staticmethod
        def square(t):
            return t**2

    grads = gradient(lambda m, t: m.square(t), x, seed=3)(Module)
    weight = torch.randn(3, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    assert torch.equal(grads, 2 * x * weight)
    assert not x.requires_grad and x.grad is None


def test_rows_agree_names_the_row():
    verify = rows_agree()
    got = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    expected = got.clone()
    expected[2, 1] = 7.0
    verify(got, got.clone())
    with pytest.raises(AssertionError, match=r"^row 2 differs: expected \[5.0, 7.0\], got "
                                             r"\[5.0, 6.0\]$"):
        verify(got, expected)


# -- the results channel ---------------------------------------------------------------

def round_trip(value):
    blobs: list[bytes] = []
    result = {"value": channel.observe(value, blobs), "mutated": []}
    data = channel.encode_case(0, result, blobs)
    reader = channel.FrameReader(1 << 20)
    reader.feed(data)
    return channel.decode_case(reader.cases()[0])["value"]


def test_plain_values_round_trip_exactly():
    t = torch.arange(6, dtype=torch.float64).reshape(2, 3)[:, ::2]  # not contiguous
    value = round_trip({"t": t, "n": 3, "f": 0.5, "s": "x", "none": None, "b": True,
                        "l": [1, 2], "tup": (torch.Size([2, 3]), torch.float32)})
    assert isinstance(value["t"], TensorObs) and torch.equal(value["t"].tensor, t)
    assert (value["t"].device, value["t"].requires_grad) == ("cpu", False)
    assert {k: v for k, v in value.items() if k != "t"} == {
        "n": 3, "f": 0.5, "s": "x", "none": None, "b": True, "l": [1, 2],
        "tup": ((2, 3), "torch.float32")}
    assert type(value["l"]) is list and type(value["tup"]) is tuple


def test_odd_values_arrive_as_their_names():
    class MyInt(int):
        pass

    def gen():
        yield 1

    value = round_trip([MyInt(3), gen(), torch.tensor([1.0]).to_sparse(), lambda: 0,
                        torch.ones(2).max(dim=0)])
    assert value[:4] == [Opaque(f"a {__name__}.test_odd_values_arrive_as_their_names.<locals>"
                                f".MyInt (a subclass of int)"),
                         Opaque("a generator"), Opaque("a torch.sparse_coo tensor"),
                         Opaque("a function")]
    assert type(value[4]) is tuple  # torch.return_types.max is a named tuple


@pytest.mark.parametrize(("header", "extra", "message"), [
    ({"value": {"$": "tensor", "dtype": "float32", "shape": [10**9], "device": "cpu",
                "requires_grad": False, "nbytes": 4 * 10**9}}, b"", "claims more bytes"),
    ({"value": {"$": "tensor", "dtype": "float32", "shape": [2], "device": "cpu",
                "requires_grad": False, "nbytes": 4}}, b"\0" * 4, "size does not match"),
    ({"value": {"$": "tensor", "dtype": "Tensor", "shape": [1], "device": "cpu",
                "requires_grad": False, "nbytes": 4}}, b"\0" * 4, "not valid data"),
    ({"value": {"$": "pickle", "data": "..."}}, b"", "not valid data"),
    ({"value": 1}, b"extra", "bytes left over"),
])
def test_forged_payloads_are_refused(header, extra, message):
    raw = json.dumps(header).encode()
    with pytest.raises(ChannelError, match=message):
        channel.decode_case(len(raw).to_bytes(4, "big") + raw + extra)


def test_garbage_on_the_channel_is_named():
    reader = channel.FrameReader(1 << 20)
    reader.feed(b"Zgarbage")
    assert reader.problem == ("your code wrote into the grader's results channel and "
                              "corrupted it")


def test_the_frame_reader_stops_at_its_limit():
    reader = channel.FrameReader(100)
    reader.feed(channel.frame(channel.META, b"{}"))
    reader.feed(b"x" * 200)
    assert reader.problem == "your code sent more than 0 MB of results; return smaller values"
    assert reader.meta() == {}


# -- kit features through the real worker ----------------------------------------------

CHECK = '''
import torch
from studykit.grading.kit import Case, agrees_with_torch, gradient


def cases(ctx):
    x = ctx.randn(4, 3, seed=1)
    f = ctx.randn(4, seed=2)
    return [
        agrees_with_torch("same as x * f[:, None]", lambda m: m.scale_rows(x, f),
                          lambda: x * f[:, None]),
        Case("gradient with respect to x", gradient(lambda m, t: m.scale_rows(t, f), x)),
    ]
'''


@pytest.fixture(scope="module")
def kit_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("kit") / "exercises"
    shutil.copytree(COURSE, root)
    (root / "checks" / "tensors" / "scale_rows.py").write_text(CHECK)
    return load_catalog(root)[0]


@pytest.fixture(scope="module")
def worker():
    with Worker() as w:
        yield w


def test_the_kit_features_grade_the_reference_and_a_mistake(worker, kit_course, tmp_path):
    assert worker.grade(kit_course, kit_course.solution)["status"] == "pass"
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def scale_rows(x, f):\n    return x * f[:, None].abs()\n")
    verdict = worker.grade(kit_course, wrong)
    assert [t["status"] for t in verdict["tests"]] == ["fail", "fail"]
    for test in verdict["tests"]:
        assert re.match(r"\d+ of 12 values differ; the largest difference is at index",
                        test["message"]), test["message"]


def test_the_judge_is_strict_unless_a_case_relaxes_it():
    from studykit.grading.judge import Mismatch, compare

    zero_d = TensorObs(torch.tensor(3.0), "cpu", False)
    with pytest.raises(Mismatch, match=r"^expected the number 3.0 \(a float\), got a tensor "
                                       r"of shape \(\) \(torch.float32\) \(use .item\(\) for "
                                       r"a Python number\)$"):
        compare(zero_d, 3.0, Case("c", lambda m: None), "cpu")
    compare(zero_d, 3.0, Case("c", lambda m: None, relax=("type",)), "cpu")
    with pytest.raises(Mismatch, match=r"^expected a float \(2.0\), got an int \(2\)$"):
        compare(2, 2.0, Case("c", lambda m: None), "cpu")
    with pytest.raises(Mismatch, match=r"^expected a list of 2 items, got a tuple of 2 items$"):
        compare((1, 2), [1, 2], Case("c", lambda m: None), "cpu")
    grad = TensorObs(torch.ones(2), "cpu", True)
    plain = TensorObs(torch.ones(2), "cpu", False)
    with pytest.raises(Mismatch, match=r"^expected a tensor that does not require grad"):
        compare(grad, plain, Case("c", lambda m: None), "cpu")
    compare(grad, plain, Case("c", lambda m: None, relax=("requires_grad",)), "cpu")
    with pytest.raises(Mismatch, match=r"^weight: expected dtype torch.float32, got "
                                       r"torch.float64$"):
        compare({"weight": TensorObs(torch.ones(2, dtype=torch.float64), "cpu", False)},
                {"weight": plain}, Case("c", lambda m: None), "cpu")


# -- mutation testing ----------------------------------------------------------------

SOURCE = '''
import torch


def f(x, model, optimizer, n):
    optimizer.zero_grad()
    y = torch.log1p(x.sum(dim=1)).clamp(min=0)
    for child in model.children():
        y = child(y)
    return y.detach() / (n - 1)


def batches(items):
    for item in items:
        yield item
'''


def test_the_mutants_cover_the_issue_list():
    keys = {m.key for m in generate(SOURCE)}
    for expected in ("dim: x.sum(dim=1) with dim=0",
                     "drop call: optimizer.zero_grad()",
                     "swap: torch.log1p(x.sum(dim=1)) with .log",
                     "drop clamp: torch.log1p(x.sum(dim=1)).clamp(min=0)",
                     "drop detach: y.detach()",
                     "off by one: n - 1 -> n",
                     "children: model.children() -> _modules.values()",
                     "list instead of a generator: batches"):
        assert expected in keys
    for mutant in generate(SOURCE):
        compile(mutant.source, "<mutant>", "exec")


def test_a_generator_mutant_returns_a_list():
    mutant = next(m for m in generate(SOURCE) if m.key.startswith("list instead"))
    namespace: dict = {}
    exec(mutant.source.replace("import torch", ""), namespace)  # noqa: S102
    assert namespace["batches"]([1, 2]) == [1, 2]


def test_a_sample_of_the_catalog_kills_every_mutant_not_listed_as_equivalent(worker):
    reviewed = load_reviewed(catalog_root() / "mutants.yaml")
    exercises = sample([e for e in load_catalog(catalog_root()) if e.id in reviewed], 3)
    assert len(exercises) == 3
    reports, problems = run_mutants(exercises, worker, catalog_root())
    assert problems == []
    assert all(r.total > 0 for r in reports)


LEGACY_CHECK = '''
from studykit.grading.kit import Case, plain_words


@plain_words
def verify_rows(got, expected):
    if not (got - expected).abs().max() < 1e-6:
        raise AssertionError("the rows are not scaled by their factors")


def cases(ctx):
    x = ctx.randn(4, 3, seed=1)
    f = ctx.randn(4, seed=2)
    return [Case("rows (the old API: verify by name, inputs listed)",
                 lambda m: m.scale_rows(x, f), verify="verify_rows", inputs=(x, f))]
'''


def test_the_old_api_still_works(worker, tmp_path):
    root = tmp_path / "exercises"
    shutil.copytree(COURSE, root)
    (root / "checks" / "tensors" / "scale_rows.py").write_text(LEGACY_CHECK)
    exercise = load_catalog(root)[0]
    assert worker.grade(exercise, exercise.solution)["status"] == "pass"
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def scale_rows(x, f):\n    return x * 2\n")
    verdict = worker.grade(exercise, wrong)
    assert verdict["tests"][0]["message"] == "the rows are not scaled by their factors"
    mutating = tmp_path / "mutating.py"
    mutating.write_text("def scale_rows(x, f):\n    f.abs_()\n    return x * f[:, None]\n")
    assert worker.grade(exercise, mutating)["tests"][0]["message"] == (
        "your code changed an input in place (the input tensor of shape (4,): its values); "
        "work on a copy or out of place")


IN_PLACE_CHECK = '''
from studykit.grading.kit import Case


def cases(ctx):
    x = ctx.randn(4, 3, seed=1)
    f = ctx.randn(4, seed=2)
    return [Case("scales x in place (the task asks for it)", lambda m: m.scale_rows(x, f))]
'''


def test_in_place_by_design_is_judged_against_the_reference(worker, tmp_path):
    root = tmp_path / "exercises"
    shutil.copytree(COURSE, root)
    (root / "checks" / "tensors" / "scale_rows.py").write_text(IN_PLACE_CHECK)
    (root / "solutions" / "tensors" / "scale_rows.py").write_text(
        "def scale_rows(x, f):\n    return x.mul_(f[:, None])\n")
    exercise = load_catalog(root)[0]
    assert worker.grade(exercise, exercise.solution)["status"] == "pass"
    copy = tmp_path / "copy.py"
    copy.write_text("def scale_rows(x, f):\n    return x * f[:, None]\n")
    assert worker.grade(exercise, copy)["tests"][0]["message"] == (
        "your code should change an input in place, as the task says (the input tensor of "
        "shape (4, 3): its values), but left it unchanged")
