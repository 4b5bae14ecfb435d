"""The deck's schema as sqlite-utils sees it, compared with a fresh deck's (for `doctor`).

A fresh deck is built in memory from the numbered migrations; every table, column, index
and trigger it has must be in the deck too (extra ones are left alone: a newer studykit may
have added them). The full-text index must be found by sqlite-utils (``detect_fts``) and
agree with the cards (FTS5's ``integrity-check``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from studykit.deck.migrations import MIGRATIONS

FTS_TABLE = "cards_fts"
REBUILD = "sqlite-utils rebuild-fts {path} cards"


@dataclass
class SchemaReport:
    tables: int = 0
    missing: list[str] = field(default_factory=list)  # "table cards", "column cards.flag"...
    fts: str | None = None  # the search index sqlite-utils finds for cards
    fts_ok: bool = False

    @property
    def ok(self) -> bool:
        return not self.missing and self.fts_ok


def expected_schema():
    """A fresh deck, in memory, as a sqlite_utils.Database."""
    import sqlite_utils

    from studykit.deck import _statements

    db = sqlite_utils.Database(memory=True)
    for _, _, script in MIGRATIONS:
        for statement in _statements(script):
            db.execute(statement)
    return db


def check_schema(path: Path) -> SchemaReport:
    """Compare the deck at ``path`` with a fresh deck; writes nothing (FTS5 checks its
    index through an INSERT, made inside a transaction that is rolled back)."""
    import sqlite_utils

    conn = sqlite3.connect(path, isolation_level=None, timeout=15)
    try:
        return _compare(sqlite_utils.Database(conn), expected_schema())
    finally:
        conn.close()


def _compare(deck, fresh) -> SchemaReport:
    report = SchemaReport(tables=len(deck.table_names()))
    have = set(deck.table_names())
    for name in fresh.table_names():
        if name not in have:
            report.missing.append(f"table {name}")
            continue
        columns = set(deck[name].columns_dict)
        report.missing += [f"column {name}.{c}" for c in fresh[name].columns_dict
                           if c not in columns]
    for kind, found, wanted in (("index", _indexes(deck), _indexes(fresh)),
                                ("trigger", _triggers(deck), _triggers(fresh))):
        report.missing += [f"{kind} {name}" for name in sorted(wanted - found)]
    if "cards" in have:
        report.fts = deck["cards"].detect_fts()
        report.fts_ok = report.fts == FTS_TABLE and _fts_in_step(deck)
    return report


def _indexes(db) -> set[str]:
    return {name for table in db.table_names() for name in
            (i.name for i in db[table].indexes) if not name.startswith("sqlite_autoindex")}


def _triggers(db) -> set[str]:
    return {t.name for t in db.triggers}


def _fts_in_step(db) -> bool:
    """FTS5's own check that the index holds exactly the cards' text."""
    db.execute("BEGIN")
    try:
        db.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    finally:
        db.execute("ROLLBACK")
    return True
