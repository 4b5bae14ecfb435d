"""Which files an import reads, and reading one without ever blocking.

:func:`collect_files` turns the paths named on the command line into the files to import:
a named file is taken whatever its name (Anki CSV/TSV included), a named folder gives every
``.md``/``.markdown``/``.txt`` below it (hidden names skipped; symlinked folders followed
once). Anything that cannot be imported stays in the list, so that :func:`read_notes_file`
reports it on its own line: a pipe, device or socket (never opened for reading, so never
waited on), a symlink loop or broken link, an unreadable file or folder, a name that is
not valid UTF-8, a named folder without a single notes file. :func:`shown` writes a path so that any file name prints on one line.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from studykit.errors import SourceError
from studykit.sources import SUFFIXES

_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}
_NOTES = "name a notes file (.md, .markdown, .txt, or an Anki .csv/.tsv)"
_LINK = "fix or remove the link"


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every notes file below the named folders (see above)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if _is_dir(path):
            found += sorted(_walk(path, set())) or [path]  # none: reported as such
        else:
            found.append(path)
    return found


def read_notes_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its key (its real path); SourceError with one line for
    anything that is not a readable regular file with a UTF-8 name."""
    where = shown(path)
    if _undecodable(str(path)):
        raise SourceError(f"{where}: the file name is not valid UTF-8",
                          "rename it to a UTF-8 name (e.g. with mv), then import it again")
    info = _stat(path, where)
    if stat.S_ISDIR(info.st_mode):
        raise _folder_error(path, where)
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{where}: not a regular file ({_kind(info.st_mode)})", _NOTES)
    data = _read_regular(path, where)
    key = os.path.realpath(path)
    if _undecodable(key):
        raise SourceError(f"{where}: the folder's name is not valid UTF-8 ({shown(key)})",
                          "rename the folder to a UTF-8 name, then import it again")
    return data, key


def shown(path: Path | str) -> str:
    """The path as text that prints on one line: bytes that are not UTF-8 as ``\\xff``,
    control characters as ``\\n``, ``\\x1b``... (everything else as it is)."""
    return "".join(_shown_char(c) for c in str(path))


def _shown_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if char.isprintable():
        return char
    return repr(char)[1:-1] if code < 0x10000 else f"\\U{code:08x}"


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    """Notes files below ``folder``; a folder that cannot be listed is yielded itself (to
    be reported), a folder reached again through a link is not walked twice."""
    try:
        info = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield folder
        return
    if (info.st_dev, info.st_ino) in seen:
        return
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if _is_dir(path):
            yield from _walk(path, seen)
        elif path.suffix.lower() in SUFFIXES:
            yield path  # whatever it is: read_notes_file reports what is not a file


def _stat(path: Path, where: str) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise SourceError(f"{where}: a broken symbolic link (its target does not exist)",
                              _LINK) from None
        raise SourceError(f"{where}: no such file", "check the path") from None
    except NotADirectoryError:
        raise SourceError(f"{where}: no such file", "check the path") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(f"{where}: a symbolic link that loops", _LINK) from None
        raise SourceError(f"{where}: cannot read ({exc.strerror})", "check permissions") from None


def _folder_error(path: Path, where: str) -> SourceError:
    try:
        os.listdir(path)
    except OSError as exc:
        return SourceError(f"{where}: cannot open the folder ({exc.strerror})",
                           "check its permissions")
    return SourceError(f"{where}: no notes files (.md, .markdown, .txt) in this folder",
                       "check the path; name other files (an Anki .csv) one by one")


def _read_regular(path: Path, where: str) -> bytes:
    """Open without blocking (O_NONBLOCK: the file may have been swapped for a pipe since
    it was checked) and read it, if it is still a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SourceError(f"{where}: cannot read ({exc.strerror})", "check permissions") from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SourceError(f"{where}: not a regular file ({_kind(mode)})", _NOTES)
        try:
            return f.read()
        except OSError as exc:
            raise SourceError(f"{where}: cannot read ({exc.strerror})",
                              "check the disk and permissions") from None


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a file")
