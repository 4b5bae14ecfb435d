"""At 80 columns no id is cut (`cards`, `books`), stats labels stay whole, and the import
summary says what a dry run would do, in correct plurals."""

from __future__ import annotations

import calendar
import json
import os
import subprocess
import sys

import pytest
from conftest import HIGHLIGHTS, REPO, run_cli
from rich.cells import cell_len

NOTE = """《一本小书》

王小明
1个笔记


第一章 张量

◆ 调用 loss.backward() 会沿计算图反向传播，把梯度累加到叶子节点的 grad 属性上。

-- 来自微信读书
"""


def narrow(*args, columns=80, whole_lines=(), cwd=None):
    """The command's output at ``columns``; nothing may be drawn past the edge except the
    lines starting with ``whole_lines`` (left for the terminal to wrap, whole)."""
    out = subprocess.run([sys.executable, "-m", "studykit", *args], capture_output=True,
                         text=True, env=dict(os.environ, COLUMNS=str(columns)), timeout=120,
                         cwd=cwd)
    assert out.returncode == 0, out.stderr
    assert all(cell_len(line) <= columns for line in out.stdout.splitlines()
               if not line.startswith(whole_lines)), out.stdout
    return out.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("narrow") / "deck.db"
    assert run_cli("import", str(HIGHLIGHTS), "--db", str(path)).returncode == 0
    return path


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_card_and_exercise_ids_are_never_cut_and_fronts_stay_readable(db, columns):
    """New cards (an empty due column, whose header is wider than its cells included): each
    front starts on a line of its own width, never folded into a sliver of a column."""
    cards = json.loads(run_cli("cards", "--db", str(db), "--limit", "60", "--json").stdout)
    lines = narrow("cards", "--db", str(db), "--limit", "60", columns=columns).splitlines()
    for card in cards:
        assert any(card["id"] in line for line in lines), card["id"]
        if card["exercise"]:
            assert any(card["exercise"] in line for line in lines), card["exercise"]
        opening = card["front"].split()[0][:10]  # the first word, or ten characters of it
        assert any(opening in line for line in lines), opening


def test_book_ids_are_never_cut(db):
    books = json.loads(run_cli("books", "--db", str(db), "--json").stdout)
    out = narrow("books", "--db", str(db))
    assert len(books) == 4
    for book in books:
        assert book["id"] in out
        assert book["title"][:3] in out
    assert "new · learn · review: what `studykit review` would show today" in out


def test_stats_month_labels_stay_whole(db):
    out = narrow("stats", "--db", str(db))
    lines = out.splitlines()
    months = lines[lines.index("Reviews in the last six months") + 1].split()
    assert len(months) >= 6 and set(months) <= set(calendar.month_abbr[1:]), months
    assert "True retention (first answer of a review card each day)" in out
    assert "young (< 21 d)" in out


def test_dry_run_rows_say_would_import_and_summaries_pluralise(tmp_path):
    notes = tmp_path / "one.txt"
    notes.write_text(NOTE, encoding="utf-8")
    db = tmp_path / "deck.db"
    summary = ("1 file", "2 files")
    dry = narrow("import", "--dry-run", "one.txt", "--db", str(db), whole_lines=summary,
                 cwd=tmp_path)
    row = next(line for line in dry.splitlines() if "one.txt" in line)
    assert row.split()[1:3] == ["would", "import"]
    assert dry.splitlines()[-1].startswith("1 file, 1 book; highlights: 1 new, 0 updated, "
                                           "0 unchanged, 0 removed; would make ")
    done = narrow("import", "one.txt", "--db", str(db), whole_lines=summary, cwd=tmp_path)
    row = next(line for line in done.splitlines() if "one.txt" in line)
    assert row.split()[1] == "imported"
    assert done.splitlines()[-1].startswith("1 file, 1 book; highlights: 1 new,")
    cards = len(json.loads(run_cli("cards", "--db", str(db), "--json").stdout))
    assert done.splitlines()[-1].endswith(f"{cards} new card{'s' if cards != 1 else ''}.")
    again = narrow("import", str(notes), str(notes), "--db", str(db), whole_lines=summary)
    assert again.splitlines()[-1] == ("2 files, 1 book; highlights: 0 new, 0 updated, "
                                      "2 unchanged, 0 removed; 0 new cards.")


def test_make_run_says_how_to_put_studykit_on_path():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "source $(VENV)/bin/activate" in run
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in readme.split("## Where your data lives")[0]
