"""The grader against a tiny fixture course: every verdict and every hostile file."""

from __future__ import annotations

import os
import re
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
    ("wrong_shape", "fail", "expected shape (4, 3), got (3, 4)"),
    ("wrong_type", "fail", "expected a tensor of shape (4, 3), got a list of 3 items"),
    ("mutates_input", "fail",
     "your code changed an input in place (the input tensor of shape (4, 3): its values); "
     "work on a copy or out of place"),
    ("mutates_requires_grad", "fail",
     "your code changed an input in place (the input tensor of shape (4, 3): "
     "requires_grad (False -> True)); work on a copy or out of place"),
    ("starter_todo", "fail",
     "not implemented yet: replace the `raise NotImplementedError` at the TODO"),
    ("calls_exit", "fail", "your code called exit(3) instead of returning a value"),
    ("missing_function", "fail", "your file does not define `scale_rows`"),
    ("syntax_error", "error", "syntax error at line 1: expected ':'\n    def scale_rows(x, f)"),
    ("exits_early", "error",
     "your code ended its process (exit status 7) before returning its results "
     "(os._exit, or a forked child that returned?)"),
])
def test_exact_verdicts(worker, exercise, name, status, message):
    verdict = grade(worker, exercise, name)
    assert verdict["status"] == status
    assert messages(verdict)[0] == message


def test_wrong_values_report_worst_error(worker, exercise):
    verdict = grade(worker, exercise, "wrong_values")
    assert verdict["status"] == "fail"
    first = messages(verdict)[0]
    assert re.fullmatch(r"\d+ of 12 values differ; the largest difference is at index "
                        r"\(\d, \d\): expected -?[\d.e+-]+, got -?[\d.e+-]+ "
                        r"\(allowed: 1e-05 \+ 1\.3e-06 x \|expected\|\)", first), first


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
    assert time.monotonic() - started < exercise.time_limit + 60  # not the 90 s grace: killed
    assert messages(verdict) == ["your code ran longer than 3.0 s (an endless loop?)"]


def test_huge_allocation_is_refused_not_swapped(worker, exercise):
    started = time.monotonic()
    verdict = grade(worker, exercise, "huge_allocation")
    assert verdict["status"] == "error"
    assert "can't allocate memory" in messages(verdict)[0] or "MemoryError" in messages(verdict)[0]
    assert time.monotonic() - started < exercise.time_limit + 60  # not the 90 s grace: killed


def test_megabytes_of_output_are_truncated(worker, exercise):
    verdict = grade(worker, exercise, "prints_megabytes")
    assert verdict["status"] == "pass"
    assert len(verdict["output"]) < 2300
    assert verdict["output"].rstrip().endswith("more bytes of output not shown)")


def test_a_library_not_implemented_error_is_not_called_a_todo(worker, exercise):
    message = messages(grade(worker, exercise, "sparse_not_implemented"))[0]
    assert "TODO" not in message
    assert message.splitlines()[0] == (
        "line 6, in scale_rows: return torch.nn.functional.pad(sparse, (0, 1))  "
        "# not implemented for sparse tensors")
    assert message.splitlines()[-1].startswith("NotImplementedError")


def test_the_verdict_says_which_sandbox_ran(worker, exercise):
    from studykit.grading import sandbox

    assert grade(worker, exercise, "reference")["sandbox"] == sandbox.kind()
    assert worker.sandbox == sandbox.kind()


def test_the_worker_survives_a_bad_request(worker, exercise):
    from dataclasses import replace

    broken = replace(exercise, root=Path("/nonexistent"))
    verdict = worker.grade(broken, exercise.solution)
    assert verdict["status"] == "error"
    assert grade(worker, exercise, "reference")["status"] == "pass"


def test_without_landlock_the_verdict_and_doctor_say_limits_only(exercise, monkeypatch):
    from studykit.doctor import run_checks
    from studykit.grading import landlock

    monkeypatch.setenv("STUDYKIT_NO_LANDLOCK", "1")
    landlock.abi_version.cache_clear()
    try:
        line = dict((name, detail) for name, _, detail in run_checks(Path("/nonexistent.db")))
        assert line["sandbox"].startswith("limits-only: no Landlock on this system")
        with Worker() as fresh:
            verdict = fresh.grade(exercise, exercise.solution)
        assert (verdict["status"], verdict["sandbox"]) == ("pass", "limits-only")
    finally:
        landlock.abi_version.cache_clear()


def test_doctor_names_the_sandbox():
    from studykit.doctor import run_checks
    from studykit.grading import sandbox

    names = {name: detail for name, _, detail in run_checks(Path("/nonexistent.db"))}
    assert names["sandbox"] == sandbox.describe()


def test_a_killed_worker_is_reported_as_such(exercise):
    import signal

    from studykit.grading.client import GradingError

    fresh = Worker()
    try:
        fresh.proc.send_signal(signal.SIGKILL)
        fresh.proc.wait()
        with pytest.raises(GradingError) as info:
            fresh.grade(exercise, exercise.solution)
    finally:
        fresh.close()
    assert info.value.message == ("the grading worker was killed by SIGKILL (often the "
                                  "system running out of memory)")
    assert info.value.remedy == "run the check again; close other programs if it repeats"


def test_a_broken_check_is_a_grader_error_not_the_learners_fault(worker, exercise, tmp_path):
    import shutil
    from dataclasses import replace

    root = tmp_path / "course"
    shutil.copytree(COURSE, root)
    check = root / "checks" / "tensors" / "scale_rows.py"
    check.write_text(check.read_text().replace("inputs=(x, f)", 'verify="no_such_verify"'))
    verdict = worker.grade(replace(exercise, root=root), exercise.solution)
    assert verdict["status"] == "error"
    assert verdict["tests"] == [{
        "name": "judge", "status": "error",
        "message": "the grader failed while comparing results (AttributeError: module "
                   "'studykit_check' has no attribute 'no_such_verify'); please report this, "
                   "and run `studykit doctor`"}]


def test_a_fifo_is_refused_without_blocking(worker, exercise, tmp_path):
    fifo = tmp_path / "solution.py"
    os.mkfifo(fifo)
    verdict = worker.grade(exercise, fifo)
    assert verdict["status"] == "error"
    assert verdict["tests"][0]["message"] == f"your file {fifo} is not a regular file"


@pytest.mark.skipif(os.geteuid() != 0, reason="capabilities are dropped only as root")
def test_without_a_uid_to_switch_to_root_children_hold_no_capability():
    from studykit.grading import sandbox

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            sandbox._drop_capabilities()
            with open("/proc/self/status") as fh:
                caps = [line.split()[1] for line in fh if line.startswith(("CapEff", "CapPrm"))]
            os.write(write, " ".join(caps).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 100).decode() == "0000000000000000 0000000000000000"


CLEANUP_CUT_SHORT = """
import os, shutil, signal, sys
from pathlib import Path
from studykit.grading import worker

signal.signal(signal.SIGTERM, worker._on_sigterm)
root = Path(sys.argv[1])
(root / "learner" / "deep").mkdir(parents=True)
real_rmtree = shutil.rmtree

def rmtree_while_the_cli_closes_us(path, **options):
    os.kill(os.getpid(), signal.SIGTERM)
    real_rmtree(path, **options)

try:
    with worker._sigterm_held():
        rmtree_while_the_cli_closes_us(root, ignore_errors=True)
except worker.Aborted:
    print("aborted; folder left:", root.exists())
"""


def test_a_sigterm_during_the_cleanup_of_a_check_waits_until_its_folder_is_gone(tmp_path):
    """Ctrl-C on `exercise check` closes the worker with SIGTERM, raising Aborted; arriving
    while the worker removed the check's folder, it once left half of it behind."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", CLEANUP_CUT_SHORT, str(tmp_path / "check")],
                          capture_output=True, text=True, timeout=600)
    assert done.stdout == "aborted; folder left: False\n", done.stderr
