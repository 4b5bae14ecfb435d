"""Is this file a studykit deck? Decided before anything is written to it.

A deck carries ``PRAGMA application_id`` = :data:`APPLICATION_ID` (the four bytes
``Stdy`` at offset 68 of the file header) and a ``migrations`` table. A file is:

- ``new``: missing, empty, or an SQLite file without a single table: it becomes a deck;
- ``deck``: it carries studykit's application id;
- ``older deck``: no application id, but the ``migrations`` table (first row ``initial``)
  and the ``books`` and ``cards`` tables of a deck made before the id existed: it is
  adopted (the id is set with the next migration);
- anything else is refused with a :class:`DeckError` saying what the file is, and the
  file is left untouched: it is only ever read, through an ``immutable`` read-only
  connection (no lock, no journal or WAL file created).

The header is also checked for truncation: a file shorter than the page count its header
records (with no WAL file holding newer pages) has lost its end.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from studykit.deck.health import RESTORE_HINT, damaged_error, deck_error, read_only_uri
from studykit.errors import DeckError

APPLICATION_ID = int.from_bytes(b"Stdy", "big")  # 0x53746479 = 1400136825
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
NEW, DECK, OLDER_DECK = "new", "deck", "older deck"
DECK_TABLES = {"migrations", "books", "cards"}


class NotADeck(DeckError):
    """The file exists but is not a studykit deck (``what`` says what it is)."""

    def __init__(self, path: Path, what: str, remedy: str = "point --db at your deck, or "
                 "at a new file to start a new deck", *, not_sqlite: bool = False) -> None:
        super().__init__(f"{path} is not a studykit deck ({what}); it was left untouched",
                         remedy)
        self.what, self.not_sqlite = what, not_sqlite


def identify(path: Path) -> str:
    """``NEW``, ``DECK`` or ``OLDER_DECK``; raises DeckError for any other file."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return NEW  # opening it for writing says why it cannot be created, if it cannot
    except OSError as exc:
        raise DeckError(f"cannot read the deck at {path}: {exc.strerror}",
                        "check the path and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise DeckError(f"{path} is a folder, not a deck file",
                        "give --db the path of a file (e.g. deck.db inside that folder)")
    if not stat.S_ISREG(info.st_mode):
        raise DeckError(f"{path} is not a regular file (a device, pipe or socket)",
                        "give --db the path of a deck file")
    if info.st_size == 0:
        return NEW
    header = _header(path)
    if not header.startswith(SQLITE_MAGIC):
        raise NotADeck(path, "not an SQLite database, or a deck whose first page is damaged",
                       "point --db at your deck or at a new file; if this file was your "
                       f"deck, {RESTORE_HINT}", not_sqlite=True)
    _check_length(path, header, info.st_size)
    return _kind_by_content(path, int.from_bytes(header[68:72], "big", signed=True))


def wal_has_frames(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _header(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(HEADER_SIZE)
    except OSError as exc:
        raise DeckError(f"cannot read the deck at {path}: {exc.strerror}",
                        "check the file's permissions") from None


def _check_length(path: Path, header: bytes, size: int) -> None:
    """A file shorter than its header says lost its end (a WAL file may hold newer pages,
    and the count is only kept when bytes 92-95 match the change counter at 24-27)."""
    if len(header) < HEADER_SIZE or wal_has_frames(path) or header[24:28] != header[92:96]:
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    expected = int.from_bytes(header[28:32], "big") * page_size
    if 0 < size < expected:
        raise damaged_error(path, f"the file is truncated: {size} of {expected} bytes")


def _kind_by_content(path: Path, application_id: int) -> str:
    if application_id == APPLICATION_ID:
        return DECK
    if application_id != 0:
        raise NotADeck(path, f"it belongs to another program: SQLite application_id "
                             f"{application_id:#x}")
    tables, first_migration = _schema(path)
    if not tables:
        return NEW
    if tables >= DECK_TABLES and first_migration == (1, "initial"):
        return OLDER_DECK
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    raise NotADeck(path, f"an SQLite database of another program, with tables {shown}")


def _schema(path: Path) -> tuple[set[str], tuple | None]:
    """The file's table names, and the first row of its migrations table if it has one.
    Read through an immutable connection (no lock, no -wal/-shm file created) unless a
    WAL file holds pages to read."""
    uri = read_only_uri(path, immutable=not wal_has_frames(path))
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            first = (conn.execute("SELECT id, name FROM migrations ORDER BY id LIMIT 1")
                     .fetchone() if "migrations" in tables else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise deck_error(path, exc) or damaged_error(path, str(exc)) from None
    return tables, tuple(first) if first else None
