"""Export the cards as CSV: UTF-8, a header row, one row per card.

Columns: ``id, book, chapter, kind, front, back, answer, exercise, state, due, tags``
(``tags`` space-separated, as in the Anki export). Suspended cards and the cards of
removed highlights are left out, as in every export.

As an Anki text import: write it with ``anki=True`` (``studykit export csv --anki``) and
the header row is replaced by Anki's header lines (``#separator:Comma``, ``#html:false``,
``#columns:`` with ``Front``/``Back`` labels, ``#tags column:11``), so File > Import maps
column 5 (front) to Front, column 6 (back) to Back and column 11 (tags) to Tags of the
Basic notetype by itself. A plain CSV imports too after choosing "Comma" as the separator
(Anki guesses otherwise) and that mapping, but its header row becomes one stray note.
``studykit import`` reads both shapes back as cards.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from studykit.atomicfile import atomic_write
from studykit.export import Entry, ExportError, card_tags, select

COLUMNS = ("id", "book", "chapter", "kind", "front", "back", "answer", "exercise", "state",
           "due", "tags")


ANKI_HEADER = ("#separator:Comma", "#html:false",
               "#columns:" + ",".join(c.title() if c in ("front", "back") else c
                                      for c in COLUMNS),
               f"#tags column:{COLUMNS.index('tags') + 1}")


def export_csv(conn: sqlite3.Connection, out: Path | str | TextIO | None = None,
               book: str | None = None, *, anki: bool = False) -> dict:
    """Write the cards to ``out`` (a path, an open text stream, or None for stdout), with
    Anki's header lines instead of the header row when ``anki``; returns the counts of
    :meth:`studykit.export.Selection.counts`."""
    selection = select(conn, book)
    rows = [_row(entry) for entry in selection.entries]
    if out is None or hasattr(out, "write"):
        _write_rows(out or sys.stdout, rows, anki)
    else:
        _write_file(Path(out), rows, anki)
    return selection.counts()


def _row(entry: Entry) -> list[str]:
    card = entry.card
    return [card["id"], entry.book["title"], entry.highlight["chapter"], card["kind"],
            card["front"], card["back"], card["answer"] or "", card["exercise"] or "",
            card["state"], card["due"] or "", " ".join(card_tags(entry))]


def _write_rows(stream: TextIO, rows: list[list[str]], anki: bool) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    if anki:
        stream.write("".join(line + "\n" for line in ANKI_HEADER))
    else:
        writer.writerow(COLUMNS)
    writer.writerows(rows)


def _write_file(path: Path, rows: list[list[str]], anki: bool) -> None:
    try:
        with atomic_write(path, newline="") as stream:
            _write_rows(stream, rows, anki)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}",
                          "choose another -o path (a writable folder)") from None
