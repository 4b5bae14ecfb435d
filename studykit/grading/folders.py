"""The folders of one check: where they go, what is hidden, the file each child reads.

No torch here.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from studykit.grading import sandbox

SOURCE_LIMIT = 1024 * 1024  # a file to grade larger than this is refused


def grading_tmp() -> str:
    """The temporary folder, unless an unprivileged uid could not reach inside it."""
    place = tempfile.gettempdir()
    if os.geteuid() == 0 and not sandbox.reachable_by_others(Path(place) / "x"):
        return "/tmp" if os.path.isdir("/tmp") else place
    return place


def hidden_paths(request: dict) -> tuple[Path, ...]:
    """Never readable by a child, even inside the Python installation: the exercise
    catalog (references, checks, variants) and studykit's data folder (deck, workspace)."""
    from studykit.paths import home

    return (Path(request["check"]).resolve().parents[2], home())


class Refused(Exception):
    """The file to grade cannot be graded (missing, not a regular file, too large)."""


def copy_source(source: Path, folder: Path, role: str) -> Path:
    """Copy the file to grade into the child's folder (the only place it can read it)."""
    who = "your file" if role == "learner" else "the reference solution"
    try:
        info = os.stat(source)
    except OSError as exc:
        raise Refused(f"cannot read {who} {source}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"{who} {source} is not a regular file")
    if info.st_size > SOURCE_LIMIT:
        raise Refused(f"{who} is larger than {SOURCE_LIMIT // 1024} KB")
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(SOURCE_LIMIT + 1)
    except OSError as exc:
        raise Refused(f"cannot read {who} {source}: {exc.strerror}") from None
    name = source.name if source.suffix == ".py" else "solution.py"
    target = folder / name
    target.write_bytes(data)
    if os.geteuid() == 0:
        uid = sandbox.sandbox_uid(role)
        os.chown(target, uid, uid)
    return target
