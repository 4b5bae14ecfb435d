"""Does this tree import exactly what an older one imports? Every table, row by row.

    .venv/bin/python bench/import_same.py OLD [--books 200]

OLD is a folder holding an older ``studykit`` package (``git archive BASE studykit | tar
-x -C OLD``). Both trees import, each into its own new deck and through the real
``studykit import`` command: the sample notes in highlights/, the seeds in ../shared/seeds
(when present) and a generated WeRead library of ``--books`` x 100 highlights (the
sentences of import_bench.py); then the library again after an edit, an addition and a
removal in some of its files. After each step the decks are compared: every row of every
table (times of import set aside: they differ from run to run), the full-text index's
answers to a few searches and its integrity check, and ``studykit export json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import REPO
from import_bench import generate

SEEDS = REPO.parent / "shared" / "seeds"
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")  # written at import time
SEARCHES = ("反向传播", "梯度", "optimizer", "nn.Linear", "卷积和")


def studykit(tree: str, *args: str) -> str:
    """Run ``studykit`` from the package in ``tree`` ("": this one), outside the repository
    (``-m`` would find this one first there), both linking to this catalog."""
    env = dict(os.environ, STUDYKIT_EXERCISES=str(REPO / "exercises"))
    if tree:
        env["PYTHONPATH"] = tree
    done = subprocess.run([sys.executable, "-m", "studykit", *args], capture_output=True,
                          text=True, env=env, cwd=tempfile.gettempdir(), check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"studykit {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


def masked(value):
    return "<time>" if isinstance(value, str) and TIME.match(value) else value


def content(db: Path) -> dict[str, list]:
    """Every row of every table but the index's own (sorted, import times masked), the
    index's answers to SEARCHES and its integrity check."""
    conn = sqlite3.connect(db)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'cards_fts%'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        found = {t: sorted((tuple(map(masked, row)) for row in conn.execute(
            f"SELECT * FROM [{t}]")), key=repr) for t in tables if t != "migrations"}
        for term in SEARCHES:
            found[f"search {term}"] = [row[0] for row in conn.execute(
                "SELECT c.id FROM cards_fts JOIN cards c ON c.rowid = cards_fts.rowid "
                "WHERE cards_fts MATCH ? ORDER BY c.id", (f'"{term}"',))]
        conn.execute("INSERT INTO cards_fts (cards_fts) VALUES ('integrity-check')")
        found["indexed"] = [conn.execute("SELECT COUNT(*) FROM cards_fts_docsize").fetchone()]
        return found
    finally:
        conn.close()


def exported(tree: str, db: Path) -> object:
    data = json.loads(studykit(tree, "export", "json", "--db", str(db)))
    return json.loads(json.dumps(data), object_hook=lambda d: {k: masked(v) for k, v in d.items()})


def edit_library(folder: Path) -> None:
    """An edited highlight, one added, one removed, in three files of the library."""
    first, second, third = sorted(folder.iterdir())[:3]
    first.write_text(first.read_text("utf-8").replace("决定了", "共同决定了", 1), "utf-8")
    with second.open("a", encoding="utf-8") as out:
        out.write("- 📌 反向传播沿计算图把梯度从损失函数传回每个叶子节点。 ^900001-9-1-60\n")
    lines = third.read_text("utf-8").splitlines(keepends=True)
    pin = next(i for i, line in enumerate(lines) if line.startswith("- 📌"))
    third.write_text("".join(lines[:pin] + lines[pin + 2:]), "utf-8")


def compare(old: Path, books: int) -> bool:
    same = True
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library"
        library.mkdir()
        generate(library, books, 100)
        steps = [("highlights/", [str(REPO / "highlights")]), ("library", [str(library)])]
        if SEEDS.is_dir():
            steps.insert(1, ("seeds", [str(p) for p in sorted(SEEDS.glob("0*.txt"))]))
        steps.append(("library edited", [str(library)]))
        decks = {name: Path(tmp) / f"{name}.db" for name in ("old", "new")}
        for label, paths in steps:
            if label == "library edited":
                edit_library(library)
            reports = {name: json.loads(studykit(tree, "import", *paths, "--db", str(decks[name]),
                                                 "--json"))
                       for name, tree in (("old", str(old)), ("new", ""))}
            tables = {name: content(db) for name, db in decks.items()}
            exports = {name: exported(tree, decks[name])
                       for name, tree in (("old", str(old)), ("new", ""))}
            differ = [t for t in tables["old"] if tables["old"][t] != tables["new"].get(t)]
            differ += ["the import report"] if reports["old"] != reports["new"] else []
            differ += ["export json"] if exports["old"] != exports["new"] else []
            rows = sum(len(v) for v in tables["new"].values())
            print(f"{label}: {'same' if not differ else 'DIFFERENT: ' + ', '.join(differ)} "
                  f"({rows:,} rows compared; report {json.dumps(reports['new']['cards'])})")
            same = same and not differ
        shutil.rmtree(library)
    return same


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path, help="a folder holding an older studykit package")
    parser.add_argument("--books", type=int, default=200, help="x 100 highlights")
    args = parser.parse_args()
    raise SystemExit(0 if compare(args.old.resolve(), args.books) else 1)


if __name__ == "__main__":
    main()
