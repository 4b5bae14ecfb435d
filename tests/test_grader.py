"""The grader against a tiny fixture course: every verdict and every hostile file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from studykit.exercises.catalog import load_catalog
from studykit.grading.client import Worker

COURSE = Path(__file__).parent / "fixtures" / "course"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


@pytest.fixture(scope="module")
def worker():
    with Worker() as w:
        yield w


@pytest.fixture(scope="module")
def exercise():
    return load_catalog(COURSE)[0]


def grade(worker, exercise, name):
    path = exercise.solution if name == "reference" else (
        exercise.starter if name == "starter" else HOSTILE / f"{name}.py")
    return worker.grade(exercise, path)


def messages(verdict):
    return [t["message"] for t in verdict["tests"] if t["status"] != "pass"]


def test_reference_passes(worker, exercise):
    verdict = grade(worker, exercise, "reference")
    assert verdict["status"] == "pass"
    assert [t["name"] for t in verdict["tests"]] == ["4x3 rows", "a single row"]
    assert verdict["device"] == "cpu"


def test_starter_fails_with_a_friendly_message(worker, exercise):
    verdict = grade(worker, exercise, "starter")
    assert verdict["status"] == "fail"
    assert messages(verdict)[0] == ("not implemented yet: replace the `raise "
                                    "NotImplementedError` at the TODO")


@pytest.mark.parametrize(("name", "status", "message"), [
    ("wrong_shape", "fail", "result: expected shape (4, 3), got (3, 4)"),
    ("wrong_type", "fail", "result: expected a tensor of shape (4, 3), got a list of 3 items"),
    ("mutates_input", "fail",
     "your code changed its input in place; work on a copy or out of place"),
    ("calls_exit", "fail", "your code called exit(3) instead of returning a value"),
    ("missing_function", "fail", "your file does not define `scale_rows`"),
    ("syntax_error", "error", "syntax error at line 1: expected ':'\n    def scale_rows(x, f)"),
    ("exits_early", "error",
     "your code exited (status 7) before returning its results (os._exit?)"),
])
def test_exact_verdicts(worker, exercise, name, status, message):
    verdict = grade(worker, exercise, name)
    assert verdict["status"] == status
    assert messages(verdict)[0] == message


def test_wrong_values_report_worst_error(worker, exercise):
    verdict = grade(worker, exercise, "wrong_values")
    assert verdict["status"] == "fail"
    first = messages(verdict)[0]
    assert first.startswith("result: values differ. Mismatched elements:")
    assert "Greatest absolute difference" in first


def test_traceback_is_trimmed_to_the_learners_file(worker, exercise):
    message = messages(grade(worker, exercise, "raises"))[0]
    assert message.splitlines() == [
        "line 6, in scale_rows: return helper(x)",
        "line 2, in helper: return x.no_such_method()",
        "AttributeError: 'Tensor' object has no attribute 'no_such_method'",
    ]


def test_import_error_is_an_error(worker, exercise):
    verdict = grade(worker, exercise, "import_error")
    assert verdict["status"] == "error"
    assert "ModuleNotFoundError: No module named 'torchvision_that_does_not_exist'" in \
        messages(verdict)[0]


def test_infinite_loop_times_out_promptly(worker, exercise):
    started = time.monotonic()
    verdict = grade(worker, exercise, "infinite_loop")
    assert verdict["status"] == "timeout"
    assert time.monotonic() - started < exercise.time_limit + 3
    assert messages(verdict) == ["your code ran longer than 3.0 s (an endless loop?)"]


def test_huge_allocation_is_refused_not_swapped(worker, exercise):
    started = time.monotonic()
    verdict = grade(worker, exercise, "huge_allocation")
    assert verdict["status"] == "error"
    assert "can't allocate memory" in messages(verdict)[0] or "MemoryError" in messages(verdict)[0]
    assert time.monotonic() - started < exercise.time_limit + 3


def test_megabytes_of_output_are_truncated(worker, exercise):
    verdict = grade(worker, exercise, "prints_megabytes")
    assert verdict["status"] == "pass"
    assert len(verdict["output"]) < 2300
    assert verdict["output"].rstrip().endswith("more bytes of output not shown)")


def test_a_grandchild_that_outlives_the_check_is_killed(worker, exercise, tmp_path, monkeypatch):
    pid_file = tmp_path / "orphan.pid"
    os.environ["STUDYKIT_TEST_PIDFILE"] = str(pid_file)
    try:
        with Worker() as fresh:  # the env var must reach the worker
            verdict = fresh.grade(exercise, HOSTILE / "leaves_a_child.py")
    finally:
        del os.environ["STUDYKIT_TEST_PIDFILE"]
    assert verdict["status"] == "pass"
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    assert not _alive(pid)


def test_a_solution_writing_outside_its_folder_gets_a_clean_verdict(exercise, tmp_path):
    outside = tmp_path / "outside.txt"
    os.environ["STUDYKIT_TEST_OUTSIDE"] = str(outside)
    try:
        with Worker() as fresh:
            verdict = fresh.grade(exercise, HOSTILE / "writes_outside.py")
            again = fresh.grade(exercise, exercise.solution)
    finally:
        del os.environ["STUDYKIT_TEST_OUTSIDE"]
    assert outside.read_text() == "written by a solution"
    assert [t["status"] for t in verdict["tests"]] == ["pass", "pass"]
    assert verdict["status"] == "pass" and again["status"] == "pass"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_worker_survives_a_bad_request(worker, exercise):
    from dataclasses import replace

    broken = replace(exercise, root=Path("/nonexistent"))
    verdict = worker.grade(broken, exercise.solution)
    assert verdict["status"] == "error"
    assert grade(worker, exercise, "reference")["status"] == "pass"
