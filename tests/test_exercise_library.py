"""studykit.exercises: the catalog's rules, the workspace, and the one check() that
`exercise check`, `watch` and `review --with-exercises` share."""

from __future__ import annotations

import io
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import HIGHLIGHTS, run_cli
from rich.cells import cell_len
from rich.console import Console

from studykit.errors import ExerciseError
from studykit.exercises import workspace
from studykit.exercises.catalog import get_exercise, load_catalog, topics
from studykit.exercises.check import CONTRACT_KEYS, Verdict, check
from studykit.exercises.progress import LinkedCard, linked_cards, statuses, tallies

COURSE = Path(__file__).parent / "fixtures" / "course"
ID = "tensors/scale_rows"
ENTRY = """  - id: {id}
    title: T
    difficulty: 1
    keywords: {{en: [a], zh: [甲]}}
    hints: [one, two]
{extra}"""


def write_catalog(root: Path, *entries: str) -> Path:
    for topic in ("tensors", "conv"):
        (root / topic).mkdir(parents=True, exist_ok=True)
        (root / topic / "README.md").write_text(f"# {topic}\n", encoding="utf-8")
    (root / "info.yaml").write_text("exercises:\n" + "".join(entries), encoding="utf-8")
    return root


def test_the_topic_comes_from_the_id_and_defaults_are_not_repeated(tmp_path):
    root = write_catalog(tmp_path, ENTRY.format(id="conv/a", extra=""),
                         ENTRY.format(id="tensors/b", extra="    topic: tensors\n"),
                         ENTRY.format(id="conv/c", extra="    time_limit: 30\n"
                                                          "    device: cuda-if-available\n"))
    catalog = load_catalog(root)
    assert [(e.id, e.topic, e.time_limit, e.device) for e in catalog] == [
        ("conv/a", "conv", 10.0, "cpu"), ("tensors/b", "tensors", 10.0, "cpu"),
        ("conv/c", "conv", 30.0, "cuda-if-available")]
    assert topics(catalog) == ("conv", "tensors")


def test_every_problem_of_the_catalog_is_reported_at_once(tmp_path):
    root = write_catalog(tmp_path, ENTRY.format(id="conv/a", extra="    topic: tensors\n"),
                         ENTRY.format(id="conv/b", extra="    time_limit: .inf\n"),
                         ENTRY.format(id="conv/c", extra="    time_limit: true\n"),
                         "  - just a string\n", ENTRY.format(id="conv/a", extra=""))
    with pytest.raises(ExerciseError) as caught:
        load_catalog(root)
    assert caught.value.message == (
        f"{root / 'info.yaml'}: conv/a: topic 'tensors' differs from the id's prefix (leave "
        "`topic:` out: the id says it); conv/b: time_limit must be a number of seconds "
        "(0 < s < 3600); conv/c: time_limit must be a number of seconds (0 < s < 3600); "
        "an entry is not a mapping: 'just a string'; duplicate id conv/a")


def test_the_shipped_catalog_repeats_no_default():
    info = (load_catalog()[0].root / "info.yaml").read_text("utf-8")
    assert "    topic:" not in info and "device: cpu" not in info
    assert "time_limit: 10\n" not in info


class FakeWorker:
    """Answers like studykit.grading.client.Worker, with a key this module does not know."""

    def __init__(self, status: str) -> None:
        self.status, self.graded = status, []

    def grade(self, exercise, file):
        self.graded.append((exercise.id, Path(file)))
        return {"id": exercise.id, "status": self.status, "device": "cpu", "seconds": 0.25,
                "tests": [{"name": "rows", "status": self.status, "message": "m"}],
                "output": "printed\n", "sandbox": "landlock"}


@pytest.fixture
def course(monkeypatch):
    monkeypatch.setenv("STUDYKIT_EXERCISES", str(COURSE))
    return get_exercise(ID)


def test_check_grades_the_workspace_copy_records_it_and_keeps_unknown_keys(deck, course):
    path, _ = workspace.start(course)
    worker = FakeWorker("fail")
    verdict = check(course, deck, worker)
    assert worker.graded == [(ID, path)]
    assert verdict == Verdict(id=ID, status="fail", device="cpu", seconds=0.25, file=path,
                              tests=({"name": "rows", "status": "fail", "message": "m"},),
                              output="printed\n", extra={"sandbox": "landlock"}, cards_due=0)
    assert verdict.to_json() == {"id": ID, "status": "fail", "tests": list(verdict.tests),
                                 "device": "cpu", "seconds": 0.25, "sandbox": "landlock"}
    assert list(verdict.to_json())[:5] == list(CONTRACT_KEYS)
    assert [s.status for s in statuses(deck)] == ["fail"]
    assert check(course, deck, FakeWorker("pass")).passed
    assert [(s.status, s.passed) for s in statuses(deck)] == [("pass", True)]


def test_check_without_a_copy_or_with_a_folder_says_what_to_do(deck, course, tmp_path):
    with pytest.raises(ExerciseError, match=f"{ID} is not started yet"):
        check(course, deck, FakeWorker("pass"))
    with pytest.raises(ExerciseError, match="not a regular file"):
        check(course, deck, FakeWorker("pass"), file=tmp_path)
    assert statuses(deck)[0].status == "new"


def test_exercise_check_json_is_the_contract(course, studykit_home):
    run_cli("exercise", "start", ID)
    verdict = json.loads(run_cli("exercise", "check", ID, "--json").stdout)
    assert list(verdict)[:5] == list(CONTRACT_KEYS) and "output" not in verdict


def test_start_writes_atomically_and_keeps_the_old_copy_on_reset(course, monkeypatch):
    path, copied = workspace.start(course)
    assert copied and path.read_text() == course.starter.read_text()
    path.write_text("# mine\n")
    real_copyfile = shutil.copyfile

    def torn_copy(source, target):  # a copy cut short by Ctrl-C
        Path(target).write_text("# half of a st")
        raise KeyboardInterrupt

    monkeypatch.setattr(workspace.shutil, "copyfile", torn_copy)
    with pytest.raises(KeyboardInterrupt):
        workspace.start(course, force=True)
    assert path.read_text() == "# mine\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["scale_rows.py"]
    monkeypatch.setattr(workspace.shutil, "copyfile", real_copyfile)
    assert workspace.start(course, force=True) == (path, True)
    assert path.read_text() == course.starter.read_text()
    assert workspace.backup_file(course).read_text() == "# mine\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["scale_rows.py", "scale_rows.py.bak"]


def test_an_unwritable_workspace_is_one_clear_error(course, studykit_home):
    studykit_home.mkdir()
    (studykit_home / "exercises").write_text("a file where the folder should be")
    with pytest.raises(ExerciseError, match="cannot write .*scale_rows.py"):
        workspace.start(course)


def test_tallies_count_passes_per_topic_and_overall(deck, course):
    check(course, deck, FakeWorker("pass"), file=course.solution)
    per_topic, catalog = tallies(statuses(deck))
    assert {t: (n.passed, n.total) for t, n in per_topic.items()} == {"tensors": (1, 1)}
    assert (catalog.passed, catalog.total) == (1, 1)


# -- exercise list / show ------------------------------------------------------------------


def test_exercise_list_at_80_columns_never_cuts_an_id():
    out = _list_at(80)
    ids = [e.id for e in load_catalog()]
    rows = [line.split() for line in out.splitlines()]
    shown = [cells[1] for cells in rows if len(cells) > 2 and cells[0].isdigit()]
    assert shown == ids
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    counts = Counter(e.topic for e in load_catalog())
    lines = out.splitlines()
    last_blank = max(i for i, line in enumerate(lines) if not line.strip())
    tally = " ".join(lines[last_blank + 1:]).split()  # the tallies, after the table
    assert [(tally[i], tally[i + 1]) for i in range(0, len(tally), 2)] == [
        (t, f"0/{counts[t]}") for t in topics()]


def _list_at(columns: int) -> str:
    import subprocess
    import sys

    env = dict(os.environ, COLUMNS=str(columns))
    done = subprocess.run([sys.executable, "-m", "studykit", "exercise", "list"], env=env,
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def test_exercise_show_counts_and_lists_every_linked_card():
    assert run_cli("import", str(HIGHLIGHTS)).returncode == 0
    exported = json.loads(run_cli("export", "json").stdout)
    linked = [c["id"] for b in exported["books"] for h in b["highlights"] for c in h["cards"]
              if c["exercise"] == "conv/output_size"]
    assert len(linked) > 20  # the old listing stopped at 20
    shown = run_cli("exercise", "show", "conv/output_size")
    assert shown.returncode == 0
    assert f"\n{len(linked)} cards point here:\n" in shown.stdout
    listed = [line.split()[0] for line in shown.stdout.split("point here:\n")[1].splitlines()
              if line.strip() and ":" in line.split()[0]]
    assert listed == linked


def test_exercise_show_prints_each_front_whole(deck, course):
    fronts = ["短的正面", "一个很长的正面，" * 40, "x" * 5000]
    with deck.transaction() as c:
        c.execute("INSERT INTO books VALUES ('b', 't', NULL, 'markdown', NULL, 'x', 'x')")
        for i, front in enumerate(fronts):
            c.execute("INSERT INTO highlights (id, book_id, position, text, content_hash, "
                      "imported_at, updated_at) VALUES (?, 'b', ?, 't', 'x', 'x', 'x')",
                      (f"h{i}", i))
            c.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, "
                      "back, exercise_id, due, created_at, updated_at) VALUES (?, ?, 'b', "
                      "'cloze', 1, ?, 'b', ?, 'x', 'x', 'x')", (f"c{i}", f"h{i}", front, ID))
    cards = linked_cards(deck, course)
    assert [c.id for c in cards] == ["c0", "c1", "c2"] and cards[0] == LinkedCard("c0", "new",
                                                                                    fronts[0])
    from studykit.cli.exercise_render import exercise_page

    out = Console(width=100, record=True, file=io.StringIO())
    exercise_page(course, workspace.workspace_file(course), cards, out=out)
    text = out.export_text()
    flat = "".join(line.strip().split("  ")[-1] for line in text.splitlines())
    assert "3 cards point here:" in text
    assert fronts[0] in flat and fronts[1] in flat
    assert "x" * 2000 + "… (3,000 more characters; `studykit export json` has it whole)" in flat


def test_the_readme_catalog_table_is_generated_from_the_catalog(tmp_path):
    from studykit.exercises import catalog_table

    stale = "README.md is stale: python -m studykit.exercises.catalog_table --write"
    assert catalog_table.main(["--check"]) == 0, stale
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n{catalog_table.START}\nold\n{catalog_table.END}\nrest\n", "utf-8")
    assert catalog_table.main(["--check", "--readme", str(readme)]) == 1
    assert catalog_table.main(["--write", "--readme", str(readme)]) == 0
    text = readme.read_text("utf-8")
    assert text.startswith(f"# x\n{catalog_table.START}\n{len(load_catalog())} exercises "
                           f"in {len(topics())} topics")
    assert text.endswith(f"{catalog_table.END}\nrest\n") and "\nold\n" not in text
    for exercise in load_catalog():
        assert f"`{exercise.slug}` " in text
