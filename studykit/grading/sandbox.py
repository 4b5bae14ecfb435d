"""Confine a grading child (learner, reference or judge) right after the worker forks it.

In this order: own session and folder, a scrubbed environment, every inherited file
descriptor closed but the ones named, resource limits, then (when running as root) every
capability dropped and an unprivileged uid/gid of the child's role, then Landlock: read
the Python installation (minus the exercise catalog and studykit's data folder), read and
write the child's own folder, nothing else; no TCP; no signals or abstract unix sockets
outside the child's own domain. Without Landlock (an old kernel, macOS) only the limits
and the uid apply: :func:`kind` says ``"limits-only"`` and so does every verdict.

The Python installation under ``/root`` is not readable by an unprivileged uid (``/root``
is mode 700). Rather than preload every module a learner might import, the worker (root)
opens each such root once as a directory file descriptor (:func:`prepare_worker`), which
every child inherits and keeps, and rewrites ``sys.path`` (and the ``__path__`` of packages
already imported) to ``/proc/self/fd/N/...``:
a process may always follow its own fd links, and permission is checked only from there
down, so imports keep working while the rest of ``/root`` stays closed. Landlock still
checks the real location of every file opened that way.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import site
import sys
from dataclasses import dataclass, field
from pathlib import Path

from studykit.grading import landlock

SANDBOX_UID_BASE = 64100
ROLE_OFFSET = {"learner": 1, "reference": 2, "judge": 3}
NPROC_LIMIT = 256
OUTPUT_FILE_LIMIT = 256 * 1024 * 1024
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP = 1, 4, 24
KEPT_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "CUDA_VISIBLE_DEVICES", "OMP_NUM_THREADS",
            "MKL_NUM_THREADS", "PYTHONHASHSEED")
DEVICE_FILES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")
CPU_INFO = ("/proc/cpuinfo", "/sys/devices/system/cpu")
SHARED_MEMORY = "/dev/shm"  # DataLoader workers and multiprocessing locks need it
SYSTEM_LIBRARIES = ("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local/lib",
                    "/etc/ld.so.cache")  # what stdlib extension modules link (libsqlite3...)
CUDA_READ = ("/proc/driver/nvidia", "/sys", "/usr/local/cuda", "/proc/self")
CUDA_DEVICE_PREFIX = "nvidia"  # /dev/nvidia0, nvidiactl, nvidia-uvm, nvidia-caps/


@dataclass
class Confinement:
    role: str  # learner | reference | judge
    folder: Path | None  # the only place the child may write
    hidden: tuple[Path, ...] = ()  # never readable, even inside the Python installation
    memory_bytes: int | None = None  # RLIMIT_AS above what the child has mapped already
    device: str = "cpu"
    keep_fds: tuple[int, ...] = field(default_factory=tuple)


def kind() -> str:
    """``"landlock"`` when the kernel can confine file and network access, else
    ``"limits-only"`` (resource limits and, as root, an unprivileged uid)."""
    return "landlock" if landlock.abi_version() >= 1 else "limits-only"


def describe() -> str:
    """One line for `studykit doctor`."""
    abi = landlock.abi_version()
    if os.geteuid() != 0:
        who = "children keep your uid"
    elif _uid_drop_works():
        who = (f"as root: children run as unprivileged uids {SANDBOX_UID_BASE + 1}-"
               f"{SANDBOX_UID_BASE + 3} without capabilities")
    else:
        who = ("as root in a user namespace without the sandbox uids: children stay uid 0 "
               "without capabilities")
    if abi == 0:
        return (f"limits-only: no Landlock on this system, so graded code can read and write "
                f"what you can (resource limits only); {who}")
    extra = "TCP blocked, signals scoped" if abi >= 6 else (
        "TCP blocked" if abi >= 4 else "TCP not blocked (Landlock ABI < 4)")
    return f"landlock ABI {abi}: files confined, {extra}; {who}"


def sandbox_uid(role: str) -> int:
    return SANDBOX_UID_BASE + ROLE_OFFSET[role]


def prepare_folder(folder: Path, role: str) -> None:
    """Create the child's folder, owned by its sandbox uid when running as root."""
    folder.mkdir(mode=0o700)
    if os.geteuid() == 0:
        uid = sandbox_uid(role)
        os.chown(folder, uid, uid)


def confine(c: Confinement) -> None:
    """Apply every restriction to the calling (freshly forked) process, for good."""
    abi = landlock.abi_version()  # before the environment is scrubbed
    if c.role != "judge":
        os.setsid()
    if c.folder is not None:
        os.chdir(c.folder)
    _scrub_environment(c.folder)
    _close_inherited_fds((*c.keep_fds, *_ALIAS_FDS))
    _set_limits(c.memory_bytes, dropping=os.geteuid() == 0)
    roots = _readable_roots(c.hidden)
    rules = _rules(abi, roots, c) if abi else None  # paths are opened before the uid drops
    if os.geteuid() == 0:
        if _UID_DROP_WORKS:
            _drop_privileges(sandbox_uid(c.role))
        else:  # a user namespace without the sandbox uids: stay uid 0, hold no capability
            _drop_capabilities()
    with contextlib.suppress(OSError):
        landlock.prctl(PR_SET_DUMPABLE, 0)
        landlock.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # after setuid, which clears it
    if rules is not None:
        rules.restrict_self()


def _scrub_environment(folder: Path | None) -> None:
    kept = {k: v for k, v in os.environ.items()
            if k in KEPT_ENV or k.startswith(("PYTORCH_", "TORCH_", "CUBLAS_"))}
    os.environ.clear()
    os.environ.update(kept)
    place = str(folder) if folder else "/nonexistent"
    os.environ.update(HOME=place, TMPDIR=place, TMP=place, TEMP=place)
    import tempfile

    tempfile.tempdir = None


def _close_inherited_fds(keep: tuple[int, ...]) -> None:
    low = 3
    for fd in sorted(k for k in keep if k >= 3):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, _max_fd())


def _max_fd() -> int:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return soft if 0 < soft < 1 << 20 else 65536


def _set_limits(memory_bytes: int | None, *, dropping: bool) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_FILE_LIMIT, OUTPUT_FILE_LIMIT))
    if memory_bytes:
        budget = _mapped_bytes() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    if dropping:  # counted per uid: only meaningful for the sandbox's own uid
        resource.setrlimit(resource.RLIMIT_NPROC, (NPROC_LIMIT, NPROC_LIMIT))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _drop_capabilities() -> None:
    """Empty the effective, permitted and inheritable capability sets (``capset``)."""
    import ctypes

    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()  # two {effective, permitted, inheritable}, all zero
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed: cannot drop capabilities")


def _uid_drop_works() -> bool:
    """Whether a child can switch to a sandbox uid (not in a user namespace that maps
    only a few uids, as in a rootless container)."""
    pid = os.fork()
    if pid == 0:
        try:
            _drop_privileges(sandbox_uid("learner"))
            os._exit(0)
        except BaseException:  # noqa: BLE001 - any failure means no
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _drop_privileges(uid: int) -> None:
    with contextlib.suppress(OSError, ValueError):
        last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
        for cap in range(last + 1):
            landlock.prctl(PR_CAPBSET_DROP, cap)
    os.setgroups([])
    if hasattr(os, "setresuid"):
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)  # clears the permitted, effective and ambient capabilities
    else:  # macOS: setgid/setuid as root set the real, effective and saved ids
        os.setgid(uid)
        os.setuid(uid)


def python_roots() -> list[Path]:
    """Folders holding the interpreter, the standard library, installed packages and
    studykit's own package (not its parent: that is the repository in a development
    install, catalog included)."""
    import studykit

    found = {sys.base_prefix, sys.base_exec_prefix, sys.prefix, sys.exec_prefix,
             str(Path(studykit.__file__).parent)}
    with contextlib.suppress(AttributeError):
        found.update(site.getsitepackages())
    found.update(p for p in sys.path if p.endswith(("site-packages", "dist-packages")))
    real = sorted({Path(p).resolve() for p in found if p and Path(p).exists()})
    return [p for p in real if not any(q in p.parents for q in real)]


def _readable_roots(hidden: tuple[Path, ...]) -> list[Path]:
    hidden = tuple(Path(h).resolve() for h in hidden)
    result: list[Path] = []
    for root in python_roots():
        result += allowed_beneath(root, hidden)
    return result


def allowed_beneath(root: Path, hidden: tuple[Path, ...]) -> list[Path]:
    """``root``, or the parts of it that contain none of ``hidden``."""
    if any(h == root or h in root.parents for h in hidden):
        return []
    inside = [h for h in hidden if root in h.parents]
    if not inside:
        return [root]
    parts: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in sorted(root.iterdir()):
            parts += allowed_beneath(entry, tuple(inside))
    return parts


_ALIAS_FDS: list[int] = []
_UID_DROP_WORKS = True


def prepare_worker() -> None:
    """In the worker, once, before any child is forked: as root, open the Python roots an
    unprivileged uid could not reach and import through ``/proc/self/fd/N`` from now on
    (the children inherit the descriptors and the paths; doing it here, not in every
    child, spares each child ~10 ms of copy-on-write page faults)."""
    global _UID_DROP_WORKS
    if os.geteuid() != 0 or _ALIAS_FDS:
        return
    _UID_DROP_WORKS = _uid_drop_works()
    aliases = _open_aliases(python_roots())
    _ALIAS_FDS.extend(int(alias.rsplit("/", 1)[1]) for alias in aliases.values())
    _use_aliases(aliases)


def _open_aliases(roots: list[Path]) -> dict[str, str]:
    """Directory fds for the roots an unprivileged uid could not reach (an ancestor
    without o+x), as {real path: "/proc/self/fd/N"}."""
    aliases = {}
    for root in roots:
        if root.is_dir() and not reachable_by_others(root):
            fd = os.open(root, os.O_PATH | os.O_DIRECTORY)
            aliases[str(root)] = f"/proc/self/fd/{fd}"
    return aliases


def reachable_by_others(path: Path) -> bool:
    for parent in path.parents:
        try:
            if not os.stat(parent).st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


def _use_aliases(aliases: dict[str, str]) -> None:
    if not aliases:
        return

    def swap(entry):
        if not isinstance(entry, str):
            return entry
        for real, alias in aliases.items():
            if entry == real or entry.startswith(real + os.sep):
                return alias + entry[len(real):]
        return entry

    sys.path[:] = [swap(p) for p in sys.path]
    sys.path_importer_cache.clear()
    prefixes = tuple(aliases)
    for module in list(sys.modules.values()):
        path = getattr(module, "__dict__", {}).get("__path__")  # no module __getattr__ hooks
        if isinstance(path, list) and path and str(path[0]).startswith(prefixes):
            path[:] = [swap(p) for p in path]


def _rules(abi: int, roots: list[Path], c: Confinement) -> landlock.Ruleset:
    rules = landlock.Ruleset(abi)
    for root in roots:
        rules.allow(root, landlock.READ)
    for path in (*SYSTEM_LIBRARIES, *CPU_INFO):
        rules.allow(path, landlock.READ)
    for path in DEVICE_FILES:
        rules.allow(path, landlock.READ | landlock.WRITE_FILE)
    if c.folder is not None:
        rules.allow(c.folder, landlock.fs_rights(abi))
        rules.allow(SHARED_MEMORY, landlock.fs_rights(abi))
    if c.device == "cuda":
        for path in CUDA_READ:
            rules.allow(path, landlock.READ)
        with contextlib.suppress(OSError):
            for entry in os.scandir("/dev"):
                if entry.name.startswith(CUDA_DEVICE_PREFIX):
                    rules.allow(entry.path, landlock.READ | landlock.WRITE_FILE
                                | landlock.IOCTL_DEV)
    return rules
