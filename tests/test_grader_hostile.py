"""Hostile solutions: one test per way a file tried to pass without solving anything.

Each asserts a non-pass verdict AND that nothing happened outside the check: the deck's
rows, the catalog's bytes, a canary file, no process left. The course is copied into
tmp_path first (STUDYKIT_EXERCISES) so the tests that try to rewrite it cannot damage
the repository even if the sandbox failed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from studykit.exercises.catalog import load_catalog
from studykit.grading import sandbox
from studykit.grading.client import Worker

COURSE = Path(__file__).parent / "fixtures" / "course"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
LANDLOCK = sandbox.kind() == "landlock"
needs_landlock = pytest.mark.skipif(not LANDLOCK, reason="no Landlock on this kernel: the "
                                    "file system is not confined (the verdict says "
                                    "limits-only)")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("course") / "exercises"
    shutil.copytree(COURSE, root)
    return root


@pytest.fixture(scope="module")
def exercise(course):
    return load_catalog(course)[0]


@pytest.fixture(scope="module")
def worker():
    with Worker() as w:
        yield w


def catalog_bytes(course: Path) -> dict[str, bytes]:
    return {str(p.relative_to(course)): p.read_bytes() for p in sorted(course.rglob("*"))
            if p.is_file()}


def hostile(tmp_path: Path, name: str, **subs: str) -> Path:
    """The fixture with its __PLACEHOLDERS__ filled in (what an attacker would know)."""
    text = (HOSTILE / f"{name}.py").read_text()
    for key, value in subs.items():
        text = text.replace(f"__{key}__", value)
    path = tmp_path / f"{name}.py"
    path.write_text(text)
    return path


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def wait_gone(pids, seconds: float = 60) -> set[int]:
    """The pids still alive after waiting (a generous bound, not a speed test)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


@needs_landlock
def test_reading_the_reference_from_disk_fails(worker, exercise, course, tmp_path):
    before = catalog_bytes(course)
    path = hostile(tmp_path, "reads_reference", SOLUTION=str(exercise.solution))
    verdict = worker.grade(exercise, path)
    assert verdict["status"] != "pass"
    assert "KeyError: 'scale_rows'" in verdict["tests"][0]["message"]
    assert catalog_bytes(course) == before


def test_forged_result_files_and_a_silenced_channel_do_not_pass(worker, exercise, tmp_path):
    planted = [Path("/tmp") / n for n in ("judged.json", "meta.json", "case-0.pt",
                                          "verdict.json")]
    existed = {p for p in planted if p.exists()}
    verdict = worker.grade(exercise, hostile(tmp_path, "forges_results"))
    assert verdict["status"] == "fail"
    assert [t["message"] for t in verdict["tests"]] == ["the case did not finish"] * 2
    assert {p for p in planted if p.exists()} == existed


def test_a_verdict_written_through_proc_fds_is_never_read(worker, exercise, tmp_path):
    verdict = worker.grade(exercise, hostile(tmp_path, "forges_proc_fd"))
    assert verdict["status"] == "fail"
    assert verdict["id"] == exercise.id
    starter = worker.grade(exercise, exercise.starter)  # the next line is the real verdict
    assert (starter["id"], starter["status"]) == (exercise.id, "fail")


def test_copying_the_references_outputs_finds_nothing(worker, exercise, tmp_path):
    verdict = worker.grade(exercise, hostile(tmp_path, "copies_reference_outputs"))
    assert verdict["status"] == "fail"
    assert verdict["tests"][0]["message"] == "expected a tensor of shape (4, 3), got None"


@needs_landlock
def test_the_deck_cannot_be_written(course, tmp_path, monkeypatch):
    from conftest import run_cli

    deck = tmp_path / "deck.db"
    monkeypatch.setenv("STUDYKIT_EXERCISES", str(course))
    path = hostile(tmp_path, "writes_deck", DECK=str(deck))
    assert run_cli("exercise", "check", "tensors/scale_rows", "--file", str(path),
                   "--db", str(deck), timeout=120).returncode == 1
    rows = sqlite3.connect(deck).execute(
        "SELECT exercise_id, status FROM exercise_attempts").fetchall()
    assert rows == [("tensors/scale_rows", "fail")]


@needs_landlock
def test_the_catalog_cannot_be_rewritten(worker, exercise, course, tmp_path):
    before = catalog_bytes(course)
    path = hostile(tmp_path, "rewrites_catalog", SOLUTION=str(exercise.solution),
                   CHECK=str(exercise.check), INFO=str(course / "info.yaml"))
    assert worker.grade(exercise, path)["status"] == "fail"
    assert catalog_bytes(course) == before
    assert worker.grade(exercise, hostile(tmp_path, "starter_todo"))["status"] == "fail"


@needs_landlock
def test_writing_a_canary_outside_the_folder_fails(worker, exercise, tmp_path):
    canary = tmp_path / "canary.txt"
    source = tmp_path / "writes_canary.py"
    source.write_text(f"open({str(canary)!r}, 'w').write('escaped')\n"
                      "def scale_rows(x, f):\n    return x * f[:, None]\n")
    verdict = worker.grade(exercise, source)
    assert verdict["status"] == "error"
    assert "PermissionError" in verdict["tests"][0]["message"]
    assert not canary.exists()


def test_a_double_forked_setsid_survivor_is_killed(worker, exercise, tmp_path):
    verdict = worker.grade(exercise, hostile(tmp_path, "survivor"))
    assert verdict["status"] == "pass"  # a correct answer: only the survivor is at stake
    pid = int(verdict["output"].split("survivor pid ")[1].split()[0])
    assert wait_gone([pid]) == set()


@pytest.mark.parametrize("command", ["check", "watch"])
def test_ctrl_c_kills_the_whole_tree(command, course, tmp_path, monkeypatch, studykit_home):
    pexpect = pytest.importorskip("pexpect")
    slow = tmp_path / "slow"  # a time limit the check cannot reach before the Ctrl-C
    shutil.copytree(course, slow)
    info = slow / "info.yaml"
    info.write_text(info.read_text().replace("time_limit: 3", "time_limit: 600"))
    monkeypatch.setenv("STUDYKIT_EXERCISES", str(slow))
    token = f"sk{os.getpid() % 100000}{len(command)}"
    path = hostile(tmp_path, "endless_with_survivor", TOKEN=token)
    if command == "watch":  # the workspace copy watch mode grades
        mine = studykit_home / "exercises" / "tensors" / "scale_rows.py"
        mine.parent.mkdir(parents=True)
        shutil.copyfile(path, mine)
        args = ["exercise", "watch", "tensors/scale_rows", "--poll"]
    else:
        args = ["exercise", "check", "tensors/scale_rows", "--file", str(path)]
    scratch = Path(tempfile.mkdtemp(prefix="studykit-test-tmp-"))  # the worker's TMPDIR
    scratch.chmod(0o711)
    cli = pexpect.spawn(sys.executable, ["-m", "studykit", *args],
                        env=dict(os.environ, TMPDIR=str(scratch)), encoding="utf-8", timeout=60)
    deadline = time.monotonic() + 120  # waits for the check to start, however slow
    while time.monotonic() < deadline and len(named(token)) < 2:  # the loop and the survivor
        time.sleep(0.05)
    started = named(token)
    assert len(started) == 2, started
    cli.sendcontrol("c")  # the terminal turns it into SIGINT for the CLI's process group
    cli.expect(pexpect.EOF)
    cli.close()
    assert wait_gone(started) == set()
    assert named(token) == set()
    assert list(scratch.iterdir()) == []  # the check's folders are gone too
    scratch.rmdir()


def named(token: str) -> set[int]:
    """Processes whose name (PR_SET_NAME, /proc/<pid>/comm) is ``token``."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as fh:
                    if fh.read().strip() == token and alive(int(entry)):
                        found.add(int(entry))
            except OSError:
                continue
    return found


@pytest.mark.parametrize(("mode", "message"), [
    ("huge", "your code's results could not be read (a tensor claims more bytes than were "
             "sent)"),
    ("big", "your code sent more than 64 MB of results; return smaller values"),
])
def test_a_results_bomb_is_refused(worker, exercise, tmp_path, mode, message):
    verdict = worker.grade(exercise, hostile(tmp_path, "claims_huge_tensor", MODE=mode))
    assert verdict["status"] == "fail"
    assert verdict["tests"][0]["message"] == message
    assert worker.grade(exercise, exercise.solution)["status"] == "pass"


@pytest.mark.parametrize(("mode", "what"), [
    ("tensor", "a solution.LyingTensor (a subclass of torch.Tensor)"),
    ("int", "a solution.LyingInt (a subclass of int)"),
])
def test_lying_subclasses_fail_with_one_plain_line(worker, exercise, tmp_path, mode, what):
    verdict = worker.grade(exercise, hostile(tmp_path, "lying_subclass", MODE=mode))
    assert verdict["status"] == "fail"
    assert verdict["tests"][0]["message"] == f"expected a tensor of shape (4, 3), got {what}"


def test_zero_cases_is_an_error_never_a_pass(worker, exercise, course, tmp_path):
    from dataclasses import replace

    root = tmp_path / "empty"
    shutil.copytree(course, root)
    (root / "checks" / "tensors" / "scale_rows.py").write_text(
        "def cases(ctx):\n    return []\n")
    verdict = worker.grade(replace(exercise, root=root), exercise.solution)
    assert verdict["status"] == "error"
    assert verdict["tests"][0]["message"] == ("the exercise's check defines no cases; "
                                              "please report this")


def test_the_worker_and_the_cli_are_not_dumpable(worker):
    assert worker.hello["dumpable"] == 0
    code = ("import ctypes; from studykit.cli import main; "
            "from studykit.grading.landlock import not_dumpable; not_dumpable(); "
            "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))")  # PR_GET_DUMPABLE
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "0"
    import inspect

    from studykit import cli

    assert "not_dumpable()" in inspect.getsource(cli.main)


def test_the_verdict_json_of_exercise_check_names_the_sandbox(course, tmp_path, monkeypatch):
    from conftest import run_cli

    monkeypatch.setenv("STUDYKIT_EXERCISES", str(course))
    result = run_cli("exercise", "check", "tensors/scale_rows", "--file",
                     str(course / "solutions" / "tensors" / "scale_rows.py"), "--json",
                     timeout=120)
    assert json.loads(result.stdout)["sandbox"] == sandbox.kind()


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid drop happens only when running as root")
def test_learner_code_runs_unprivileged_without_capabilities(worker, exercise, tmp_path):
    source = tmp_path / "whoami.py"
    source.write_text(
        "import ctypes, os\n"
        "try:\n    os.setuid(0)\n    regained = True\nexcept PermissionError:\n"
        "    regained = False\n"
        "libc = ctypes.CDLL(None)\n"
        "print('ids', os.getuid(), os.geteuid(), os.getgid(), os.getgroups(), regained,\n"
        "      libc.prctl(39, 0, 0, 0, 0), libc.prctl(3, 0, 0, 0, 0), flush=True)\n"
        "def scale_rows(x, f):\n    return x * f[:, None]\n")
    verdict = worker.grade(exercise, source)
    assert verdict["status"] == "pass"
    uid = sandbox.sandbox_uid("learner")
    # uid, euid, gid, no groups, setuid(0) refused, no_new_privs 1, not dumpable
    assert verdict["output"].split("\n")[0] == f"ids {uid} {uid} {uid} [] False 1 0"


@needs_landlock
def test_no_network(worker, exercise, tmp_path):
    import select
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    source = tmp_path / "phones_home.py"
    source.write_text(
        "import socket\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'x')\n"
        "    print('connected', flush=True)\n"
        "except OSError as exc:\n"
        "    print('refused', type(exc).__name__, flush=True)\n"
        "def scale_rows(x, f):\n    return x * f[:, None]\n")
    try:
        verdict = worker.grade(exercise, source)
        readable, _, _ = select.select([server], [], [], 0)  # the check is over: no waiting
    finally:
        server.close()
    assert verdict["output"].startswith("refused ")
    assert readable == []
