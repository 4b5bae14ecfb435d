"""`studykit exercise ...` end to end on the fixture course (watch: test_exercise_watch.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

COURSE = Path(__file__).parent / "fixtures" / "course"
ID = "tensors/scale_rows"


@pytest.fixture(autouse=True)
def fixture_course(monkeypatch):
    monkeypatch.setenv("STUDYKIT_EXERCISES", str(COURSE))


def test_list_json_and_progress(studykit_home):
    listed = json.loads(run_cli("exercise", "list", "--json").stdout)
    assert listed == [{"id": ID, "topic": "tensors", "title": "Scale each row by its own factor",
                       "status": "new"}]
    run_cli("exercise", "start", ID)
    assert json.loads(run_cli("exercise", "list", "--json").stdout)[0]["status"] == "started"


def test_check_json_contract_and_exit_codes(studykit_home):
    started = run_cli("exercise", "start", ID)
    workspace_file = Path(started.stdout.strip())
    assert workspace_file == studykit_home / "exercises" / "tensors" / "scale_rows.py"
    failing = run_cli("exercise", "check", ID, "--json")
    assert failing.returncode == 1
    verdict = json.loads(failing.stdout)
    assert set(verdict) == {"id", "status", "tests", "device", "seconds", "sandbox"}
    assert (verdict["id"], verdict["status"], verdict["device"]) == (ID, "fail", "cpu")
    assert set(verdict["tests"][0]) == {"name", "status", "message"}
    solution = run_cli("exercise", "path", ID, "--solution").stdout.strip()
    passing = run_cli("exercise", "check", ID, "--file", solution, "--json")
    assert passing.returncode == 0
    assert json.loads(passing.stdout)["status"] == "pass"
    assert json.loads(run_cli("exercise", "list", "--json").stdout)[0]["status"] == "pass"


def test_unknown_exercise_is_one_clear_line():
    out = run_cli("exercise", "check", "tensors/nope")
    assert out.returncode == 1
    assert out.stderr == ("studykit: error: unknown exercise 'tensors/nope' — run "
                          "`studykit exercise list`\n")


def test_hints_come_one_at_a_time_and_solution_waits_for_a_pass():
    assert run_cli("exercise", "hint", ID).stdout == "hint 1/2: Reshape the factors to a column.\n"
    assert run_cli("exercise", "hint", ID).stdout == "hint 2/2: x * f[:, None]\n"
    assert run_cli("exercise", "hint", ID).stdout == "hint 2/2: x * f[:, None]\n"
    locked = run_cli("exercise", "solution", ID)
    assert locked.returncode == 1 and "not passed yet" in locked.stderr
    forced = run_cli("exercise", "solution", ID, "--force")
    assert "return x * f[:, None]" in forced.stdout
    assert "warning: showing the solution before you passed" in forced.stderr


def test_next_starts_the_first_unsolved_and_reset_restores(studykit_home):
    out = run_cli("exercise", "next")
    assert out.stdout.splitlines()[0] == f"{ID}: Scale each row by its own factor"
    path = studykit_home / "exercises" / "tensors" / "scale_rows.py"
    path.write_text("# my attempt\n")
    run_cli("exercise", "reset", ID)
    assert "TODO" in path.read_text()
    assert path.with_suffix(".py.bak").read_text() == "# my attempt\n"


def test_path_of_starter_and_solution():
    assert run_cli("exercise", "path", ID, "--starter").stdout.strip() == str(
        COURSE / "tensors" / "scale_rows.py")
    assert run_cli("exercise", "path", ID).returncode == 1
