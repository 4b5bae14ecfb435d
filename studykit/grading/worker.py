"""The grading worker: a process with torch imported that never runs a torch op itself.

For each request it forks a sandboxed child for the learner's file and one for the
reference (each in its own folder, results on a pipe of its own), waits for both under the
time limit, kills everything they left (:mod:`studykit.grading.reaper`), then forks a
sandboxed judge that compares their results in memory and answers on another pipe.
Forking from a process that never ran a torch op keeps OpenMP usable in the children and
makes a warm re-check cost tens of milliseconds. Protocol: one JSON request per stdin
line, one JSON verdict per stdout line (see :func:`grade`); EOF on stdin, SIGTERM or the
CLI's death ends every process of the current check, then the worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import selectors
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PYTORCH_NVML_BASED_CUDA_CHECK", "1")  # is_available() must not init CUDA

import torch  # noqa: E402
import torch.nn  # noqa: E402,F401 - imported once here so every child starts warm
import torch.nn.functional  # noqa: E402,F401
import torch.testing  # noqa: E402,F401
import torch.utils.data  # noqa: E402,F401

from studykit.grading import child, folders, judge, landlock, reaper, sandbox  # noqa: E402
from studykit.grading.channel import FrameReader  # noqa: E402


def _skip_dtensor_import() -> None:
    """assert_close (used by some checks' verify functions) imports
    torch.distributed.tensor (~1 s) on first use, only to unwrap DTensors; the judge
    compares plain tensors."""
    import torch.testing._comparison as comparison

    if hasattr(comparison, "_HAS_DTENSOR"):
        comparison._HAS_DTENSOR = False
    else:  # a torch without the flag: pay the import once here, not in every judge
        with contextlib.suppress(ImportError):
            import torch.distributed.tensor  # noqa: F401


_skip_dtensor_import()

OUTPUT_SHOWN = 2048
RESULTS_LIMIT = 64 * 1024 * 1024  # bytes of results one child may send
VERDICT_LIMIT = 4 * 1024 * 1024
JUDGE_SECONDS = 60.0
JUDGE_MEMORY_MB = 2048
PR_SET_PDEATHSIG, PR_GET_DUMPABLE = 1, 3
CLONE_NEWNET = 0x40000000


class Aborted(Exception):
    """The CLI went away (EOF on stdin) or asked the worker to stop."""


@dataclass
class _Proc:
    pid: int
    out_fd: int
    results_fd: int
    results: FrameReader
    output: bytearray = field(default_factory=bytearray)
    total: int = 0
    status: int | None = None

    def drain(self, fd: int) -> bool:
        """Read what is there; False at end of that stream."""
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return True
        except OSError:
            return False
        if not chunk:
            return False
        if fd == self.results_fd:
            self.results.feed(chunk)
            return True
        self.total += len(chunk)
        room = OUTPUT_SHOWN - len(self.output)
        if room > 0:
            self.output += chunk[:room]
        return True


class _Raw:
    """Bytes from the judge, up to a limit."""

    def __init__(self, limit: int) -> None:
        self.limit, self.data = limit, bytearray()

    def feed(self, chunk: bytes) -> None:
        self.data += chunk[:max(0, self.limit - len(self.data))]


class _State:
    group = reaper.CheckGroup(None)
    stdin_open = True
    holding = False  # inside _sigterm_held: a SIGTERM waits
    aborted = False  # a SIGTERM came while holding


def cuda_device(policy: str) -> str:
    if policy == "cuda-if-available" and torch.cuda.is_available():
        return "cuda"
    return "cpu"


def _spawn(fn, **kwargs) -> _Proc:
    out_read, out_write = os.pipe()
    res_read, res_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(out_read)
            os.close(res_read)
            os.dup2(out_write, 1)
            os.dup2(out_write, 2)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
            sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
            fn(results_fd=res_write, join_group=_State.group.join, **kwargs)
        finally:
            os._exit(70)  # only reached when fn itself failed before its own os._exit
    os.close(out_write)
    os.close(res_write)
    for fd in (out_read, res_read):
        os.set_blocking(fd, False)
    return _Proc(pid, out_read, res_read, FrameReader(RESULTS_LIMIT))


def _wait(procs: list[_Proc], deadline: float) -> bool:
    """Read their output and results until every process has exited; False on the
    deadline. Raises Aborted when stdin closes (the CLI is gone)."""
    sel = selectors.DefaultSelector()
    for p in procs:
        sel.register(p.out_fd, selectors.EVENT_READ, p)
        sel.register(p.results_fd, selectors.EVENT_READ, p)
    if _State.stdin_open:
        sel.register(0, selectors.EVENT_READ, None)
    try:
        while True:
            for p in procs:
                if p.status is None:
                    pid, status = os.waitpid(p.pid, os.WNOHANG)
                    if pid:
                        p.status = status
            if all(p.status is not None for p in procs):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            for key, _ in sel.select(timeout=min(remaining, 0.005)):
                if key.data is None:
                    _check_stdin()
                elif not key.data.drain(key.fd):
                    sel.unregister(key.fd)
    finally:
        sel.close()


def _check_stdin() -> None:
    """Stdin is readable while a check runs: only EOF (or garbage) can be there."""
    if not os.read(0, 1):
        _State.stdin_open = False
        raise Aborted


def _finish(procs: list[_Proc]) -> None:
    """Kill whatever is left of a check, then read the pipes to their end."""
    reaper.kill_descendants(_State.group)
    for p in procs:
        if p.status is None:
            with contextlib.suppress(ChildProcessError):
                _, p.status = os.waitpid(p.pid, 0)
        for fd in (p.out_fd, p.results_fd):
            os.set_blocking(fd, True)
            while p.drain(fd):
                pass
            os.close(fd)


# What a topic's exercises import on first use, in every child, unless the worker has it:
# torch.optim's first optimizer loads torch._dynamo (1-2 s); backward(gradient=...) and
# gradcheck load sympy through symbolic_shapes (~1 s). A key is a topic, or an exercise
# id where one exercise of its topic needs it (the others should not pay for it).
WARM_UP = {
    "autograd": "torch.fx.experimental.symbolic_shapes",
    "optim": "torch._dynamo",  # every check compares with a torch.optim optimizer
    "perf/grad_scaler_loop": "torch._dynamo",
    "perf/device_placement": "torch._dynamo",  # a forward pass on "meta" imports it too
    "training": "torch._dynamo",
    "vision/finetune_freeze": "torch._dynamo",
}


def _warm_up(exercise_id: str, topic: str) -> None:
    """Import once, here, so that this and every later check of the topic starts warm."""
    module = WARM_UP.get(exercise_id) or WARM_UP.get(topic)
    if module and module not in sys.modules:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)


def grade(request: dict) -> dict:
    """Grade ``request["file"]`` against ``request["solution"]`` using ``request["check"]``.

    Request keys: id, file, solution, check, time_limit (s), device (policy), memory_mb,
    topic. Returns the verdict: id, status, tests, device, seconds, output, sandbox.
    """
    started = time.monotonic()
    _warm_up(request.get("id", ""), request.get("topic", ""))
    device = cuda_device(request.get("device", "cpu"))
    root = Path(tempfile.mkdtemp(prefix="studykit-grade-", dir=folders.grading_tmp()))
    try:
        os.chmod(root, 0o711)  # each child reaches its own folder, lists nothing
        verdict = _grade_in(root, request, device)
    finally:
        with _sigterm_held():  # the CLI closing us mid-way would leave half the folder
            shutil.rmtree(root, ignore_errors=True)
    verdict.update(id=request["id"], device=device, sandbox=sandbox.kind(),
                   seconds=round(time.monotonic() - started, 3))
    return verdict


def _grade_in(root: Path, request: dict, device: str) -> dict:
    check = Path(request["check"])
    hidden = folders.hidden_paths(request)
    procs: dict[str, _Proc] = {}
    for role, source in (("learner", request["file"]), ("reference", request["solution"])):
        folder = root / role
        sandbox.prepare_folder(folder, role)
        try:
            target = folders.copy_source(Path(source), folder, role)
        except folders.Refused as exc:
            _finish(list(procs.values()))
            return {"status": "error", "tests": [_test("load", "error", str(exc))], "output": ""}
        procs[role] = _spawn(child.run_child, role=role, target=target, check_path=check,
                             folder=folder, device=device, hidden=hidden,
                             memory_mb=request.get("memory_mb", 4096))
    finished = _wait(list(procs.values()), time.monotonic() + float(request["time_limit"]))
    _finish(list(procs.values()))
    learner = procs["learner"]
    output = learner.output.decode("utf-8", "replace")
    if learner.total > OUTPUT_SHOWN:
        output += f"\n… ({learner.total - OUTPUT_SHOWN} more bytes of output not shown)"
    verdict = _verdict(procs, finished, check, device, request, hidden)
    verdict["output"] = output
    return verdict


def _verdict(procs: dict[str, _Proc], finished: bool, check: Path, device: str,
             request: dict, hidden) -> dict:
    learner, reference = procs["learner"], procs["reference"]
    ref_meta = reference.results.meta()
    if reference.results.crash() or ref_meta is None or not reference.results.done():
        why = reference.results.crash() or _exit_reason(reference.status, "the reference")
        return _error("reference", "the reference solution did not finish; please report "
                      f"this ({why.strip().splitlines()[-1] if why.strip() else why})")
    if learner.results.problem:
        return {"status": "fail", "tests": [_test("results", "fail", learner.results.problem)]}
    meta = learner.results.meta()
    if not finished and not learner.results.done():
        limit = request["time_limit"]
        return {"status": "timeout", "tests": [_test(
            "time limit", "fail", f"your code ran longer than {limit} s (an endless loop?)")]}
    crash = learner.results.crash()
    if crash:
        return _error("grader", "the grader failed while running your file: "
                      f"{crash.strip().splitlines()[-1]}; please report this, and run "
                      "`studykit doctor`")
    if meta is None:
        return _error("run", _exit_reason(learner.status, "your code"))
    if meta.get("import_error"):
        return _error("load", str(meta["import_error"]))
    expected_count = ref_meta.get("cases")
    if not isinstance(expected_count, int) or expected_count < 1:
        return _error("check", "the exercise's check defines no cases; please report this")
    tests = _judge(learner, reference, check, device, request, hidden)
    if len(tests) != expected_count:
        return {"status": "error", "tests": tests or [_test(
            "judge", "error", "the grader judged no cases; please report this")]}
    if not learner.results.done():
        unfinished = [t for t in tests if t["message"] != judge.UNFINISHED]
        return {"status": "error",
                "tests": [_test("run", "error", _exit_reason(learner.status, "your code")),
                          *unfinished]}
    status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    return {"status": status, "tests": tests}


def _error(name: str, message: str) -> dict:
    return {"status": "error", "tests": [_test(name, "error", message)]}


def _exit_reason(status: int | None, who: str) -> str:
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXFSZ:
            return f"{who} wrote too much data to a file"
        if sig == signal.SIGKILL:
            return (f"{who} was killed (SIGKILL) before returning: out of memory, or "
                    "stopped from outside")
        return f"{who} was killed by signal {signal.Signals(sig).name} before returning"
    code = os.WEXITSTATUS(status) if status is not None else "?"
    return (f"{who} ended its process (exit status {code}) before returning its results "
            "(os._exit, or a forked child that returned?)")


def _judge(learner: _Proc, reference: _Proc, check: Path, device: str, request: dict,
           hidden) -> list[dict]:
    proc = _spawn(judge.run_judge, check_path=check, learner=learner.results.cases(),
                  reference=reference.results.cases(), device=device, hidden=hidden,
                  memory_mb=request.get("judge_memory_mb", JUDGE_MEMORY_MB))
    raw = _Raw(VERDICT_LIMIT)
    proc.results = raw  # the judge writes plain JSON, not frames
    finished = _wait([proc], time.monotonic() + JUDGE_SECONDS)
    _finish([proc])
    try:
        tests = json.loads(bytes(raw.data))
    except ValueError:
        tests = None
    if isinstance(tests, list):
        return tests
    why = tests.get("crash", "") if isinstance(tests, dict) else (
        "it took too long" if not finished else _exit_reason(proc.status, "the judge"))
    last = why.strip().splitlines()[-1] if why.strip() else why
    return [_test("judge", "error", f"the grader failed while comparing results ({last}); "
                  "please report this, and run `studykit doctor`")]


def _test(name: str, status: str, message: str) -> dict:
    return {"name": name, "status": status, "message": message}


def _isolate_worker() -> None:
    """Non-dumpable (no /proc/<pid>/fd or mem for others), ended with the CLI, and as root
    without a network (every child inherits the empty network namespace)."""
    landlock.not_dumpable()
    with contextlib.suppress(OSError):
        landlock.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.geteuid() == 0:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).unshare(CLONE_NEWNET)


def _on_sigterm(signum, frame) -> None:
    if _State.holding:
        _State.aborted = True  # raised when the held block ends
        return
    raise Aborted


@contextlib.contextmanager
def _sigterm_held():
    """A SIGTERM that arrives inside the block raises ``Aborted`` when the block ends, so
    that the block is never cut short. (Not a signal mask: torch's threads would take the
    signal, and Python runs its handler in the main thread all the same.)"""
    _State.holding = True
    try:
        yield
    finally:
        _State.holding = False
    if _State.aborted:
        raise Aborted


def _read_line(buffer: bytearray) -> bytes | None:
    """The next request line from stdin (None at EOF)."""
    while b"\n" not in buffer:
        chunk = os.read(0, 65536)
        if not chunk:
            return None
        buffer += chunk
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line


def main() -> None:
    _isolate_worker()
    sandbox.prepare_worker()
    reaper.become_subreaper()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the CLI handles Ctrl-C and closes us
    signal.signal(signal.SIGTERM, _on_sigterm)
    _State.group = reaper.CheckGroup.create()
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but verdicts goes to the real stdout
    hello = {"ready": True, "torch": torch.__version__, "sandbox": sandbox.kind(),
             "dumpable": ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0),
             "cgroup": str(_State.group.path) if _State.group.path else None}
    try:
        print(json.dumps(hello), file=out, flush=True)
        buffer = bytearray()
        while (line := _read_line(buffer)) is not None:
            if not line.strip():
                continue
            try:
                verdict = grade(json.loads(line))
            except Aborted:
                raise
            except Exception as exc:  # noqa: BLE001 - a bad request must not end the worker
                verdict = {"status": "error", "tests": [_test(
                    "grader", "error", f"the grader failed ({type(exc).__name__}: {exc}); "
                    "please report this, and run `studykit doctor`")]}
            print(json.dumps(verdict), file=out, flush=True)
    except (Aborted, BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        reaper.kill_descendants(_State.group)
        _State.group.remove()


if __name__ == "__main__":
    main()
