"""``map`` over forked worker processes, results in order: the importer's file preparation.

The items are inherited by the forked workers (never sent to them); each worker claims the
next unclaimed item, works on it and sends the result back pickled, and the caller gets
the results in the items' order. Nothing else runs in the calling process meanwhile: no
helper thread (``multiprocessing.Pool`` keeps one that polls the result pipe, which spun
for ~0.4 s of CPU and held the GIL against the import's writes on 50,000 highlights).

A worker ends at once when the calling process dies (Linux), and every worker is killed
when the caller stops early. A worker's exception is raised again in the caller; a worker
that dies without a word raises :class:`WorkerDied`.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerDied(RuntimeError):
    """A worker process ended before sending all it had claimed (killed, out of memory)."""


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def fork_map(work: Callable[[Item], Result], items: Sequence[Item],
             workers: int) -> Iterator[Result]:
    """``map(work, items)``, worked out by ``workers`` forked processes."""
    ctx = mp.get_context("fork")
    claimed = ctx.RawValue("l", 0)
    claim_lock, send_lock = ctx.Lock(), ctx.Lock()
    reader, writer = ctx.Pipe(duplex=False)
    _widen(writer)
    parent = os.getpid()
    processes = [ctx.Process(target=_worker, daemon=True,
                             args=(work, items, claimed, claim_lock, writer, send_lock, parent))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    writer.close()
    try:
        yield from _in_order(reader, processes, len(items))
    finally:
        for process in processes:
            process.kill()  # they write nothing: stopping them anywhere is safe
        for process in processes:
            process.join()
        reader.close()


def _widen(pipe: Connection) -> None:
    """As much room in the pipe as Linux allows a user (1 MiB by default, 64 KiB if not):
    a worker that finished a file while the caller writes the last one need not wait."""
    try:
        import fcntl

        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as limit:
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, int(limit.read()))
    except (ImportError, AttributeError, OSError, ValueError):
        pass  # not Linux: the default size


def _in_order(reader: Connection, processes: list, count: int) -> Iterator:
    arrived: dict[int, tuple[bool, object]] = {}
    running = {process.sentinel: process for process in processes}
    for wanted in range(count):
        while wanted not in arrived:
            ready = wait([reader, *running])
            for sentinel in (r for r in ready if r is not reader):
                _ended(running.pop(sentinel))  # a worker's death first: it says how
            if reader in ready and not _received(reader, arrived):
                for process in running.values():
                    _ended(process)  # the pipe's end: every worker is gone
                raise WorkerDied("the workers ended before sending every result")
        while reader.poll() and _received(reader, arrived):
            pass  # room in the pipe for the workers while the caller works on this one
        ok, value = arrived.pop(wanted)
        if not ok:
            raise value
        yield value


def _received(reader: Connection, arrived: dict) -> bool:
    """Read one result into ``arrived``; False at the end of the pipe (all workers gone)."""
    try:
        data = reader.recv_bytes()
    except EOFError:
        return False
    number, ok, value = pickle.loads(data)
    arrived[number] = (ok, value)
    return True


def _ended(process) -> None:
    process.join()
    if process.exitcode != 0:
        raise WorkerDied(f"a worker process ended with exit code {process.exitcode}")


def _worker(work, items, claimed, claim_lock, out: Connection, send_lock, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the caller stops and kills us
    while True:
        with claim_lock:
            number = claimed.value
            claimed.value = number + 1
        if number >= len(items):
            return
        try:
            message = (number, True, work(items[number]))
        except Exception as exc:  # noqa: BLE001 - raised again in the caller
            message = (number, False, exc)
        data = _dumped(message)
        with send_lock:
            out.send_bytes(data)


def _dumped(message: tuple) -> bytes:
    try:
        return pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
        failed = RuntimeError(f"{type(message[2]).__name__}: {message[2]} ({exc})")
        return pickle.dumps((message[0], False, failed), pickle.HIGHEST_PROTOCOL)


def _die_with_parent(parent: int) -> None:
    """A worker ends at once, quietly, when the caller is killed (kill -9 leaves no worker
    behind to fail later with a broken pipe). Linux only; elsewhere workers end on EOF."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the caller died before the line above
        os._exit(0)
