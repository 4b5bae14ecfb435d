"""`studykit exercise watch` in a real terminal: it redraws in place, shows progress, and
`n` after a pass opens the next exercise's task."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pexpect
import pytest
from pty_screen import Screen

COURSE = Path(__file__).parent / "fixtures" / "course"
FIRST, SECOND = "tensors/scale_rows", "tensors/scale_rows_again"
SECOND_ENTRY = """
  - id: tensors/scale_rows_again
    title: Scale the rows once more
    difficulty: 1
    keywords: {en: [rows], zh: [行]}
    hints: ["Same as before.", "x * f[:, None]"]
    time_limit: 3
"""


@pytest.fixture
def course(tmp_path, monkeypatch):
    """The fixture course plus a second exercise (a copy of the first under a new slug)."""
    root = tmp_path / "course"
    shutil.copytree(COURSE, root)
    for folder in ("", "solutions/", "checks/"):
        shutil.copyfile(root / f"{folder}tensors/scale_rows.py",
                        root / f"{folder}tensors/scale_rows_again.py")
    with (root / "info.yaml").open("a", encoding="utf-8") as f:
        f.write(SECOND_ENTRY)
    monkeypatch.setenv("STUDYKIT_EXERCISES", str(root))
    return root


def solve(course: Path, home: Path, exercise_id: str) -> None:
    time.sleep(0.2)  # a later mtime than the copy the watcher started from
    target = home / "exercises" / f"{exercise_id}.py"
    target.write_text((course / "solutions" / f"{exercise_id}.py").read_text())


def solve_until_passed(term: Screen, course: Path, home: Path, exercise_id: str) -> None:
    """Save the solution until watch reports the pass: a file event missed while the
    watcher thread starts is sent again, so no timing is assumed."""
    for _ in range(10):
        solve(course, home, exercise_id)
        try:
            term.child.expect("Passed!", timeout=5)
            return
        except pexpect.TIMEOUT:
            continue
    raise AssertionError("watch never reported the pass")


def test_watch_redraws_in_place_with_progress_bars(course, studykit_home):
    term = Screen("exercise", "watch", FIRST, env=dict(os.environ))
    term.expect("the task")
    term.settle()
    first = term.lines()
    assert first[0].startswith(f"{FIRST} · Scale each row by its own factor ─")
    assert first[1].startswith("tensors ━") and first[1].endswith(" 0/2 passed")
    assert first[2].startswith("catalog ━") and first[2].endswith(" 0/2 passed")
    assert "✗ fail · the task (t: the verdict):" in first
    assert "Scale each row of x (N, D) by factors f (N,)" in term.text()
    term.send("h")
    term.expect("hint 1/2")
    solve_until_passed(term, course, studykit_home, FIRST)  # noticed by file events
    term.settle()
    lines = term.lines()
    # the same screen, redrawn: one header, the new counts, the verdict in place of the task
    assert sum(line.startswith(f"{FIRST} · ") for line in lines) == 1
    assert lines[1].endswith(" 1/2 passed") and lines[2].endswith(" 1/2 passed")
    assert lines[4].startswith("Passed! n: next exercise")
    assert lines[5].startswith(f"✓ pass  {FIRST}  (cpu, ")
    cases = lines.index("  ✓ 4x3 rows")
    assert 6 <= cases <= 7 and lines[cases + 1] == "  ✓ a single row"
    assert "the task (t: the verdict)" not in term.text() and "hint 1/2" not in term.text()
    assert term.raw.count(f"{FIRST} · Scale each row") >= 3  # drawn several times
    assert term.quit() == 0


def test_n_waits_for_a_pass_then_opens_the_next_task(course, studykit_home):
    term = Screen("exercise", "watch", FIRST, "--poll", env=dict(os.environ))
    term.expect("the task")
    term.send("n")
    term.expect("pass this one first")
    assert not (studykit_home / "exercises" / f"{SECOND}.py").exists()
    solve(course, studykit_home, FIRST)
    term.expect("Passed!")
    term.send("n")
    term.expect("Scale the rows once more")
    term.expect("the task")
    term.settle()
    lines = term.lines()
    assert lines[0].startswith(f"{SECOND} · Scale the rows once more ─")
    assert lines[1].endswith(" 1/2 passed") and lines[2].endswith(" 1/2 passed")
    assert lines[4].startswith("created")  # the path may wrap onto the next lines
    assert f"created{studykit_home / 'exercises' / SECOND}.py" in "".join(lines[4:]).replace(" ", "")
    assert f"╭─ {SECOND} · Scale the rows once more" in term.text()
    assert (studykit_home / "exercises" / f"{SECOND}.py").read_text() == (
        course / f"{SECOND}.py").read_text()
    solve(course, studykit_home, SECOND)
    term.expect("Passed!")
    term.send("n")
    term.expect("Every exercise is passed")
    assert term.quit() == 0


def test_t_switches_between_the_task_and_the_verdict(course):
    term = Screen("exercise", "watch", FIRST, "--poll", env=dict(os.environ))
    term.expect("the task")
    term.send("t")
    term.expect("first problem")
    term.settle()
    assert "not implemented yet" in term.text()
    assert "Scale each row of x (N, D)" not in term.text()
    term.send("t")
    term.expect("the task")
    term.settle()
    assert "Scale each row of x (N, D)" in term.text()
    assert term.quit() == 0
