"""The deck: the one place that touches SQLite.

Opening a :class:`Deck` checks that the file is a deck (``PRAGMA application_id``, see
:mod:`studykit.deck.identity`) or creates it, applies pending numbered migrations
(backing the file up first), and sets WAL mode, foreign keys and a busy timeout. Every
write goes through :meth:`Deck.transaction`. Backups and restores: :mod:`.backups`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from studykit.deck.health import deck_error, read_only_uri
from studykit.deck.identity import APPLICATION_ID, DECK, NEW, identify
from studykit.deck.migrations import LATEST, MIGRATIONS
from studykit.errors import DeckError

BUSY_TIMEOUT_MS = 15_000
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def to_db_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(TIME_FORMAT)


def from_db_time(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=timezone.utc)


class Deck:
    """An open deck. The file is identified first (see :mod:`studykit.deck.identity`): a
    missing or empty file becomes a deck, a deck of an older studykit is adopted, any other
    file is refused untouched. An SQLite error caused by the file (damaged, read-only,
    busy, disk full) that escapes a ``with Deck(...)`` block becomes a one-line DeckError."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self._in_transaction = False
        if readonly:
            if identify(self.path) == NEW:
                raise DeckError(f"no deck at {self.path}",
                                "import some notes first: studykit import PATH")
            self.conn = _connect(self.path, readonly=True)
            self._check_version()
            return
        kind = identify(self.path)
        self.conn = _connect(self.path, readonly=False)
        try:
            self._migrate(adopt=kind != DECK)
        except BaseException:
            self.conn.close()
            raise

    # -- plumbing ---------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Deck:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):
            known = deck_error(self.path, exc)
            if known is not None:
                raise known from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; everything rolls back on any exception."""
        if self._in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _deck_error(self.path, exc) from None
        self._in_transaction = True
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise _deck_error(self.path, exc, writing=True) from None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._in_transaction = False

    def _rollback(self) -> None:
        if self.conn.in_transaction:  # SQLite may already have rolled back (disk full)
            self.conn.execute("ROLLBACK")

    def schema_version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'"
        ).fetchone()
        if not exists:
            return 0
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM migrations").fetchone()[0]

    def _applied_migrations(self) -> set[int]:
        return {r[0] for r in self.conn.execute("SELECT id FROM migrations")}

    def _check_version(self) -> int:
        try:
            version = self.schema_version()
        except sqlite3.DatabaseError as exc:
            raise _deck_error(self.path, exc) from None
        if version > LATEST:
            raise DeckError(
                f"{self.path} was written by a newer studykit (schema {version}, "
                f"this version knows {LATEST})",
                "upgrade studykit (pip install -U studykit) or use --db with another deck",
            )
        return version

    def _migrate(self, *, adopt: bool) -> None:
        """Apply the pending migrations (backing an existing deck up first) and, for a new
        or adopted deck, set the application id, in one transaction."""
        version = self._check_version()
        applied = self._applied_migrations() if version else set()
        pending = [m for m in MIGRATIONS if m[0] not in applied]  # gaps fill in too
        if not pending and not adopt:
            return
        if version > 0 and pending:
            self.backup(backup_file_name(self.path, f"before-v{pending[0][0]}"))
        try:
            with self.transaction() as conn:
                if self.schema_version() != version:  # another process migrated meanwhile
                    return
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute("CREATE TABLE IF NOT EXISTS migrations "
                             "(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
                for number, name, sql in pending:
                    for statement in _statements(sql):
                        conn.execute(statement)
                    conn.execute("INSERT INTO migrations VALUES (?, ?, ?)",
                                 (number, name, to_db_time(utc_now())))
        except sqlite3.DatabaseError as exc:
            raise _deck_error(self.path, exc) from None

    def backup(self, target: Path | str) -> Path:
        """A verified copy through SQLite's backup API (safe while others write), written
        atomically; raises DeckError, writing nothing, when the copy fails its integrity
        check (the deck is damaged)."""
        from studykit.deck.backups import verified_copy

        return verified_copy(self.conn, self.path, Path(target))


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (comments may contain semicolons)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    try:
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
            _check_writable(path)
        target = read_only_uri(path) if readonly else str(path)
        conn = sqlite3.connect(target, uri=readonly, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except OSError as exc:
        raise DeckError(f"cannot create the deck at {path}: {exc.strerror}",
                        "set STUDYKIT_HOME or --db to a writable place") from None
    except sqlite3.DatabaseError as exc:
        raise _deck_error(path, exc) from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _deck_error(path, exc) from None
    return conn


def _check_writable(path: Path) -> None:
    """Refuse up front, rather than at the first answer, a deck we may not write."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    if path.exists() and not (os.access(path, os.W_OK) and folder_ok):
        raise DeckError(f"the deck {path} is read-only",
                        "make the file and its folder writable, or use --db with a copy")
    if not folder_ok:
        raise DeckError(f"cannot create the deck at {path}: the folder is not writable",
                        "set STUDYKIT_HOME or --db to a writable place")


def _deck_error(path: Path, exc: sqlite3.Error, *, writing: bool = False) -> DeckError:
    return deck_error(path, exc, writing=writing) or DeckError(
        f"deck error at {path}: {exc}", "run `studykit doctor`")


def backup_file_name(deck_path: Path, label: str) -> Path:
    """``<deck>.<label>.bak`` beside the deck (the copy made before a migration)."""
    return deck_path.with_name(f"{deck_path.name}.{label}.bak")
