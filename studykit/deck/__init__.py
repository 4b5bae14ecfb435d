"""The deck: the one place that touches SQLite.

Opening a :class:`Deck` creates the file when needed, applies pending numbered
migrations (backing the file up first), and sets WAL mode, foreign keys and a busy
timeout. Every write goes through :meth:`Deck.transaction`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

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
    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.conn = _connect(self.path, readonly)
        self._in_transaction = False
        if not readonly:
            self._migrate()
        else:
            self._check_version()

    # -- plumbing ---------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Deck:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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
            raise _deck_error(self.path, exc) from None
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
        version = self.schema_version()
        if version > LATEST:
            raise DeckError(
                f"{self.path} was written by a newer studykit (schema {version}, "
                f"this version knows {LATEST})",
                "upgrade studykit (pip install -U studykit) or use --db with another deck",
            )
        return version

    def _migrate(self) -> None:
        version = self._check_version()
        applied = self._applied_migrations() if version else set()
        pending = [m for m in MIGRATIONS if m[0] not in applied]  # gaps fill in too
        if not pending:
            return
        if version > 0:
            self.backup(self.path.with_name(f"{self.path.name}.before-v{pending[0][0]}.bak"))
        try:
            with self.transaction() as conn:
                conn.execute("CREATE TABLE IF NOT EXISTS migrations "
                             "(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
                for number, name, sql in pending:
                    for statement in _statements(sql):
                        conn.execute(statement)
                    conn.execute("INSERT INTO migrations VALUES (?, ?, ?)",
                                 (number, name, to_db_time(utc_now())))
        except sqlite3.DatabaseError as exc:
            raise _deck_error(self.path, exc) from None

    def backup(self, target: Path) -> Path:
        """A consistent copy through SQLite's backup API (safe while others write)."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(target) as dest:
            self.conn.backup(dest)
        dest.close()
        return target


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
        elif not path.exists():
            raise DeckError(f"no deck at {path}", "import some notes first: studykit import PATH")
        uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn
    except OSError as exc:
        raise DeckError(f"cannot create the deck at {path}: {exc.strerror}",
                        "set STUDYKIT_HOME or --db to a writable place") from None
    except sqlite3.DatabaseError as exc:
        raise _deck_error(path, exc) from None


def _check_writable(path: Path) -> None:
    """Refuse up front, rather than at the first answer, a deck we may not write."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    if path.exists() and not (os.access(path, os.W_OK) and folder_ok):
        raise DeckError(f"the deck {path} is read-only",
                        "make the file and its folder writable, or use --db with a copy")
    if not folder_ok:
        raise DeckError(f"cannot create the deck at {path}: the folder is not writable",
                        "set STUDYKIT_HOME or --db to a writable place")


def _deck_error(path: Path, exc: Exception) -> DeckError:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return DeckError(f"the deck {path} is read-only",
                         "make the file and its folder writable, or use --db with a copy")
    if "locked" in text or "busy" in text:
        return DeckError(f"the deck {path} is busy (another studykit is writing)",
                         "wait for the other command to finish and try again")
    if "disk" in text and ("full" in text or "I/O" in text):
        return DeckError(f"cannot write the deck {path}: the disk is full",
                         "free some disk space and try again; nothing was changed")
    if "not a database" in text or "malformed" in text:
        return DeckError(f"{path} is not a studykit deck (or it is damaged)",
                         "point --db at the right file, or run `studykit restore BACKUP`")
    if "unable to open" in text:
        return DeckError(f"cannot open the deck at {path}",
                         "set STUDYKIT_HOME or --db to a writable place")
    return DeckError(f"deck error at {path}: {text}", "run `studykit doctor`")


def backup_name(deck_path: Path, label: str = "backup") -> Path:
    stamp = utc_now().strftime("%Y%m%d-%H%M%S")
    return deck_path.parent / "backups" / f"{deck_path.stem}-{label}-{stamp}.db"


def restore(source: Path, target: Path) -> Path | None:
    """Replace the deck at ``target`` with the deck in ``source`` (checked first). The
    current deck is backed up first; returns that backup's path (None if there was none)."""
    source = Path(source)
    if not source.is_file():
        raise DeckError(f"no backup at {source}", "give the path of a .db file made by backup")
    with Deck(source, readonly=True) as candidate:
        if candidate.schema_version() == 0:
            raise DeckError(f"{source} is not a studykit deck", "pick a file made by backup")
        check = candidate.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise DeckError(f"{source} is damaged ({check})", "pick another backup")
        saved = None
        with Deck(target) as current:
            if current.conn.execute("SELECT COUNT(*) FROM books").fetchone()[0]:
                saved = current.backup(backup_name(target, "before-restore"))
            candidate.conn.backup(current.conn)
    return saved
