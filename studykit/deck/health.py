"""What went wrong with a deck file, in one line with the way out.

:func:`deck_error` turns an SQLite error into the :class:`DeckError` the CLI prints, for
the errors that come from the file or its environment (damaged, read-only, busy, disk
full, cannot be opened); any other SQLite error is a bug and keeps its traceback.
:func:`integrity_problems` runs ``PRAGMA integrity_check``; :func:`newest_good_backup`
finds the backup to restore when a deck is damaged.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from pathlib import Path

from studykit.errors import DeckError

RESTORE_HINT = ("`studykit doctor` names your newest good backup and "
                "`studykit restore BACKUP` puts it in place (the damaged file is kept aside)")
WRITABLE_HINT = "make the file and its folder writable, or use --db with a copy"

_MESSAGE_CLUES = (  # for Python < 3.11, whose errors carry no sqlite_errorname
    ("malformed", "SQLITE_CORRUPT"), ("not a database", "SQLITE_NOTADB"),
    ("readonly", "SQLITE_READONLY"), ("read-only", "SQLITE_READONLY"),
    ("locked", "SQLITE_BUSY"), ("busy", "SQLITE_BUSY"), ("full", "SQLITE_FULL"),
    ("disk I/O", "SQLITE_IOERR"), ("unable to open", "SQLITE_CANTOPEN"),
)


def error_kind(exc: sqlite3.Error) -> str:
    """SQLite's primary result code name (``SQLITE_CORRUPT``...), or ``""``."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:  # e.g. SQLITE_IOERR_SHORT_READ: the primary code is SQLITE_IOERR
        return "_".join(name.split("_")[:2])
    text = str(exc)
    return next((kind for clue, kind in _MESSAGE_CLUES if clue in text), "")


class DamagedDeck(DeckError):
    """The file is an SQLite database whose pages are damaged (``problem`` says how)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"the deck {path} is damaged ({problem})", RESTORE_HINT)
        self.problem = problem


def damaged_error(path: Path, problem: str) -> DamagedDeck:
    return DamagedDeck(path, problem)


def deck_error(path: Path, exc: sqlite3.Error, *, writing: bool = False) -> DeckError | None:
    """The one-line error for an SQLite error caused by the file or its environment;
    None for any other (a bug: let it show). ``writing``: it came from a transaction."""
    kind, text = error_kind(exc), str(exc)
    if kind in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return damaged_error(path, text)
    if kind == "SQLITE_READONLY":
        return DeckError(f"the deck {path} is read-only", WRITABLE_HINT)
    if kind in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return DeckError(f"the deck {path} is busy (another studykit is writing)",
                         "wait for the other command to finish and try again")
    if kind == "SQLITE_FULL":
        return DeckError(f"cannot write the deck {path}: the disk is full",
                         "free some disk space and try again; nothing was changed")
    if kind == "SQLITE_IOERR":
        return DeckError(f"cannot {'write' if writing else 'read or write'} the deck {path}: "
                         f"{text}",
                         "check the disk (and free space); then run `studykit doctor`")
    if kind in ("SQLITE_CANTOPEN", "SQLITE_PERM"):
        return DeckError(f"cannot open the deck at {path}",
                         "set STUDYKIT_HOME or --db to a writable place")
    return None


def integrity_problems(conn: sqlite3.Connection, limit: int = 100) -> list[str]:
    """``PRAGMA integrity_check``'s findings, one per item (empty when the file is sound);
    a file too damaged to check at all gives SQLite's error as the one finding."""
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    if rows == ["ok"]:
        return []
    lines = (line.strip() for row in rows for line in row.splitlines())
    return [line for line in lines if line and not line.startswith("***")]


def summary(problems: list[str]) -> str:
    """The first problem, and how many more there are."""
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return f"integrity check: {problems[0]}{more}"


def file_problems(path: Path) -> list[str]:
    """:func:`integrity_problems` of the file at ``path``, read-only."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return integrity_problems(conn)
    finally:
        conn.close()


def deck_health(path: Path) -> tuple[bool, str]:
    """For `studykit doctor`: whether the deck at ``path`` is sound, and one line saying
    what it holds or what is wrong with it and what to do."""
    from studykit.deck.identity import NEW, NotADeck, identify

    try:
        if identify(path) == NEW:
            return True, f"{path} (no deck yet; `studykit import` creates it)"
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except DamagedDeck as exc:
        return False, f"{exc.message}. {_way_out(path)}"
    except NotADeck as exc:
        if exc.not_sqlite:  # perhaps a deck whose first page is lost
            return False, f"{exc.message}. If it was your deck: {_way_out(path)}"
        return False, str(exc)
    except (DeckError, sqlite3.Error) as exc:
        return False, str(exc)
    try:
        problems = integrity_problems(conn)
        if problems:
            return False, f"{path} is damaged ({summary(problems)}). {_way_out(path)}"
        version = conn.execute("SELECT COALESCE(MAX(id), 0) FROM migrations").fetchone()[0]
        cards = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    except sqlite3.Error as exc:
        return False, f"{path} is damaged ({exc}). {_way_out(path)}"
    finally:
        conn.close()
    return True, f"{path}: schema v{version}, {cards} cards, integrity ok"


def _way_out(path: Path) -> str:
    backup = newest_good_backup(path)
    if backup is not None:
        return (f"Restore your newest good backup: studykit restore {backup} --db {path} "
                "(the damaged file is moved aside, not deleted)")
    return (f"No good backup in {path.parent / 'backups'}: move the file aside and import "
            f"your notes again (studykit import NOTES --db {path}: the cards come back, "
            "their review history does not); the sqlite3 shell's .recover may rescue more")


def newest_good_backup(deck_path: Path) -> Path | None:
    """The newest ``*.db`` in the deck's backups folder that is a sound studykit deck."""
    from studykit.deck.identity import identify

    folder = deck_path.parent / "backups"
    candidates = sorted(folder.glob("*.db"), key=_mtime, reverse=True) if folder.is_dir() else []
    for candidate in candidates:
        try:
            identify(candidate)
        except DeckError:
            continue
        if candidate.stat().st_size and not file_problems(candidate):
            return candidate
    return None


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A ``file:`` URI for a read-only connection (quoted: a path may hold ``?`` or ``#``)."""
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"file:{urllib.parse.quote(str(path.absolute()))}?{query}"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
