"""Backups and restores of a deck file.

A backup is a copy through SQLite's backup API (consistent while others write), checked
with ``PRAGMA integrity_check`` before it is renamed into place: a damaged deck gives no
backup, never a corrupt one. A restore keeps whatever deck it replaces: a sound deck is
copied into the backups folder and then overwritten page by page (any other open
connection sees the restored deck); a damaged, unreadable or foreign file is moved aside
whole (with its -wal/-shm files) and the backup is copied in its place.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studykit.atomicfile import atomic_path
from studykit.deck.health import (
    DamagedDeck,
    damaged_error,
    error_kind,
    file_problems,
    integrity_problems,
    summary,
)
from studykit.deck.identity import NEW, NotADeck, identify
from studykit.errors import DeckError, StudykitError

SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside a deck
_PICK = "pick a file made by `studykit backup`"
_ELSEWHERE = "choose another -o path (a writable folder with free space)"


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # where the replaced deck now is (None: there was none)
    moved: bool  # True when the replaced file was damaged or not a deck, and moved aside


def backup_name(deck_path: Path, label: str = "backup") -> Path:
    """``backups/<deck>-<label>-<UTC time>.db`` beside the deck; never an existing file."""
    from studykit.deck import utc_now

    stamp = utc_now().strftime("%Y%m%d-%H%M%S")
    folder = deck_path.parent / "backups"
    name = folder / f"{deck_path.stem}-{label}-{stamp}.db"
    number = 1
    while name.exists() or name.is_symlink():
        number += 1
        name = folder / f"{deck_path.stem}-{label}-{stamp}-{number}.db"
    return name


def verified_copy(conn: sqlite3.Connection, deck_path: Path, target: Path) -> Path:
    """Copy the deck open on ``conn`` to ``target`` atomically, after checking the copy."""
    try:
        with atomic_path(target) as tmp:
            _copy(conn, tmp)
            problems = file_problems(tmp)
            if problems:
                raise damaged_error(deck_path, f"{summary(problems)}; no backup was written")
    except sqlite3.Error as exc:
        if error_kind(exc) in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            raise damaged_error(deck_path, f"{exc}; no backup was written") from None
        raise DeckError(f"cannot write the backup {target}: {exc}", _ELSEWHERE) from None
    except OSError as exc:
        raise DeckError(f"cannot write the backup {target}: {exc.strerror or exc}",
                        _ELSEWHERE) from None
    return target


def restore(source: Path | str, target: Path | str) -> Restored:
    """Replace the deck at ``target`` with the backup ``source`` (checked first), keeping
    the replaced deck (see the module's docstring)."""
    source, target = Path(source), Path(target)
    _check_backup(source, target)
    from studykit.deck import Deck

    with Deck(source, readonly=True) as candidate:
        if _sound_deck(target):
            with Deck(target) as current:
                kept = current.backup(backup_name(target, "before-restore"))
                candidate.conn.backup(current.conn)
            return Restored(kept, moved=False)
        kept = _move_aside(target)
        with atomic_path(target) as tmp:
            _copy(candidate.conn, tmp)
    return Restored(kept, moved=kept is not None)


def _check_backup(source: Path, target: Path) -> None:
    if not source.is_file():
        raise DeckError(f"no backup at {source}", "give the path of a .db file made by backup")
    if target.is_dir():
        raise DeckError(f"{target} is a folder, not a deck file",
                        "give --db the path of a file (e.g. deck.db inside that folder)")
    if target.exists() and source.resolve() == target.resolve():
        raise DeckError(f"{source} is the deck itself", "give the path of a backup file")
    try:
        kind = identify(source)
    except NotADeck as exc:
        raise DeckError(f"{source} is not a studykit deck ({exc.what})", _PICK) from None
    except DamagedDeck as exc:
        raise DeckError(f"{source} is damaged ({exc.problem})", "pick another backup") from None
    if kind == NEW:
        raise DeckError(f"{source} is not a studykit deck (it is empty)", _PICK)
    problems = file_problems(source)
    if problems:
        raise DeckError(f"{source} is damaged ({summary(problems)})", "pick another backup")


def _sound_deck(path: Path) -> bool:
    """True for a deck that opens and passes its integrity check; False for a missing,
    damaged, unreadable or foreign file."""
    try:
        if identify(path) == NEW:
            return False
    except StudykitError:
        return False
    from studykit.deck import Deck

    try:
        with Deck(path, readonly=True) as deck:
            return not integrity_problems(deck.conn)
    except (StudykitError, sqlite3.Error):
        return False


def _move_aside(path: Path) -> Path | None:
    """Rename the file at ``path`` (and its -wal/-shm/-journal) into the backups folder;
    None when there is no file."""
    if not (path.exists() or path.is_symlink()):
        return None
    aside = backup_name(path, "replaced")
    aside.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(path, aside)
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, f"{aside}{suffix}")
    except OSError as exc:
        raise DeckError(f"cannot move {path} aside to {aside}: {exc.strerror}",
                        "make the deck's folder writable, or restore with --db NEW_FILE") from None
    return aside


def _copy(conn: sqlite3.Connection, path: Path) -> None:
    """Copy into ``path`` as one self-contained file (rollback journal: no -wal beside it)."""
    dest = sqlite3.connect(path)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
