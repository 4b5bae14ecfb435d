"""No process outlives a check: a cgroup where one can be made, the subreaper walk always.

The worker is a child subreaper (``PR_SET_CHILD_SUBREAPER``): whatever a learner's code
starts, double-forked ``setsid`` daemons included, is reparented to the worker when its
parent dies, never to init. After each check the worker kills the cgroup's processes in one
write (``cgroup.kill``, cgroup v2, Linux 5.14+, needs write access: root or a delegated
tree), then walks its own children until none remain, killing and reaping each. No torch.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import time
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
KILL_BUDGET_SECONDS = 10.0


def become_subreaper() -> bool:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _cgroup2_mount() -> Path | None:
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if " - cgroup2 " in line and len(fields) > 4:
            return Path(fields[4])
    return None


def _own_cgroup() -> str | None:
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            if line.startswith("0::"):
                return line[3:]
    except OSError:
        pass
    return None


class CheckGroup:
    """A cgroup for one worker's grading children, or ``None``-like when none can be made."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    @classmethod
    def create(cls) -> CheckGroup:
        mount, own = _cgroup2_mount(), _own_cgroup()
        if mount is None or own is None:
            return cls(None)
        path = mount / own.lstrip("/") / f"studykit-grading-{os.getpid()}"
        try:
            path.mkdir()
            if not (path / "cgroup.kill").exists():
                path.rmdir()
                return cls(None)
        except OSError:
            return cls(None)
        return cls(path)

    def join(self) -> None:
        """Move the calling process (a freshly forked grading child) into the group."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                (self.path / "cgroup.procs").write_text("0")

    def kill_all(self) -> None:
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            (self.path / "cgroup.kill").write_text("1")

    def remove(self) -> None:
        if self.path is None:
            return
        self.kill_all()
        deadline = time.monotonic() + KILL_BUDGET_SECONDS
        while time.monotonic() < deadline:
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.01)


def kill_descendants(group: CheckGroup) -> int:
    """Kill every process this (subreaper) process has below it and reap them all; how
    many were still running. Returns when no child remains (or after the budget)."""
    group.kill_all()
    killed = 0
    deadline = time.monotonic() + KILL_BUDGET_SECONDS
    while time.monotonic() < deadline:
        children = _children(os.getpid())
        for pid in children:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
                killed += 1
        if not _reap() and not children:
            return killed
        time.sleep(0.002)
    return killed


def _reap() -> bool:
    """Reap what has exited; False once no child is left at all."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        if pid == 0:
            return True


def _children(parent: int) -> list[int]:
    me = str(parent)
    found: list[int] = []
    try:
        entries = list(os.scandir("/proc"))
    except OSError:  # no /proc (macOS): the process groups were killed, waitpid reaps
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1] == me and fields[0] != "Z":
            found.append(int(entry.name))
    return found
