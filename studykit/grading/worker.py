"""The grading worker: a process with torch imported that never runs a torch op itself.

It forks a child per file to grade (the learner's and the reference), waits for them
under a time limit, then forks a judge to compare their observations. Forking from a
process that never ran a torch op keeps OpenMP usable in the children and makes a warm
re-check cost tens of milliseconds. Protocol: one JSON request per stdin line, one JSON
verdict per stdout line (see :func:`grade`).
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

from studykit.grading import child, judge  # noqa: E402


def _skip_dtensor_import() -> None:
    """assert_close imports torch.distributed.tensor (~1 s) on first use, only to unwrap
    DTensors; the judge compares plain tensors loaded with weights_only=True."""
    import torch.testing._comparison as comparison

    if hasattr(comparison, "_HAS_DTENSOR"):
        comparison._HAS_DTENSOR = False
    else:  # a torch without the flag: pay the import once here, not in every judge
        with contextlib.suppress(ImportError):
            import torch.distributed.tensor  # noqa: F401


_skip_dtensor_import()

OUTPUT_SHOWN = 2048
PR_SET_CHILD_SUBREAPER = 36


@dataclass
class _Proc:
    pid: int
    out_fd: int
    output: bytearray = field(default_factory=bytearray)
    total: int = 0
    status: int | None = None

    def drain(self) -> bool:
        """Read what is there; False at end of output."""
        try:
            chunk = os.read(self.out_fd, 65536)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        self.total += len(chunk)
        room = OUTPUT_SHOWN - len(self.output)
        if room > 0:
            self.output += chunk[:room]
        return True


def _become_subreaper() -> None:
    """Orphaned grandchildren of a learner's code reparent to us, so we can end them."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def cuda_device(policy: str) -> str:
    if policy == "cuda-if-available" and torch.cuda.is_available():
        return "cuda"
    return "cpu"


def _spawn(fn, *args, **kwargs) -> _Proc:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        os.dup2(write_fd, 1)
        os.dup2(write_fd, 2)
        sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
        sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
        try:
            fn(*args, **kwargs)
        except BaseException:  # noqa: BLE001 - a child must never return into the worker
            import traceback

            traceback.print_exc()
            os._exit(70)
        os._exit(0)
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    return _Proc(pid, read_fd)


def _wait(procs: list[_Proc], deadline: float) -> bool:
    """Wait until every process exited and closed its output; False on the deadline."""
    sel = selectors.DefaultSelector()
    for p in procs:
        sel.register(p.out_fd, selectors.EVENT_READ, p)
    open_fds = len(procs)
    while True:
        for p in procs:
            if p.status is None:
                pid, status = os.waitpid(p.pid, os.WNOHANG)
                if pid:
                    p.status = status
        if open_fds == 0 and all(p.status is not None for p in procs):
            return True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        for key, _ in sel.select(timeout=min(remaining, 0.01)):
            if not key.data.drain():
                sel.unregister(key.fd)
                open_fds -= 1


def _end(procs: list[_Proc]) -> None:
    for p in procs:
        for target in (-p.pid, p.pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(target, signal.SIGKILL)
        if p.status is None:
            _, p.status = os.waitpid(p.pid, 0)
        os.close(p.out_fd)
    _end_orphans()


def _end_orphans() -> None:
    """Kill and reap anything a learner's code left running (we are its subreaper)."""
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[1] == me:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(entry.name), signal.SIGKILL)
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


# What a topic's exercises import on first use, in every child, unless the worker has it:
# torch.optim's first optimizer loads torch._dynamo (1-2 s); backward(gradient=...) and
# gradcheck load sympy through symbolic_shapes (~1 s).
WARM_UP = {
    "autograd": "torch.fx.experimental.symbolic_shapes",
    "training": "torch._dynamo",
    "architectures": "torch._dynamo",
}


def _warm_up(topic: str) -> None:
    """Import once, here, so that this and every later check of the topic starts warm."""
    module = WARM_UP.get(topic)
    if module and module not in sys.modules:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)


def grade(request: dict) -> dict:
    """Grade ``request["file"]`` against ``request["solution"]`` using ``request["check"]``.

    Request keys: id, file, solution, check, time_limit (s), device (policy), memory_mb.
    Returns the verdict: id, status, tests, device, seconds, output.
    """
    started = time.monotonic()
    _warm_up(request.get("topic", ""))
    device = cuda_device(request.get("device", "cpu"))
    root = Path(tempfile.mkdtemp(prefix="studykit-grade-"))
    try:
        verdict = _grade_in(root, request, device)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    verdict.update(id=request["id"], device=device,
                   seconds=round(time.monotonic() - started, 3))
    return verdict


def _grade_in(root: Path, request: dict, device: str) -> dict:
    check = Path(request["check"])
    dirs = {"learner": root / "learner", "reference": root / "reference"}
    procs = {}
    for role, target in (("learner", request["file"]), ("reference", request["solution"])):
        dirs[role].mkdir()
        procs[role] = _spawn(child.run_child, target=Path(target), check_path=check,
                             workdir=dirs[role], device=device,
                             memory_mb=request.get("memory_mb", 4096))
    finished = _wait(list(procs.values()), time.monotonic() + float(request["time_limit"]))
    _end(list(procs.values()))
    learner = procs["learner"]
    output = learner.output.decode("utf-8", "replace")
    if learner.total > OUTPUT_SHOWN:
        output += f"\n… ({learner.total - OUTPUT_SHOWN} more bytes of output not shown)"
    verdict = _verdict(dirs, procs, finished, check, device, request)
    verdict["output"] = output
    return verdict


def _verdict(dirs, procs, finished, check, device, request) -> dict:
    ref_meta = _read_meta(dirs["reference"])
    meta = _read_meta(dirs["learner"])
    if not finished and (meta is None or not meta.get("done")):
        limit = request["time_limit"]
        return {"status": "timeout", "tests": [_test(
            "time limit", "fail", f"your code ran longer than {limit} s (an endless loop?)")]}
    if ref_meta is None or not ref_meta.get("done"):
        return {"status": "error", "tests": [_test(
            "reference", "error", "the reference solution did not finish; please report this")]}
    if meta is None:
        return {"status": "error", "tests": [_test(
            "run", "error", _exit_reason(procs["learner"].status))]}
    if meta["import_error"]:
        return {"status": "error", "tests": [_test("load", "error", meta["import_error"])]}
    tests = _judge(dirs, ref_meta["cases"], check, device)
    if not meta.get("done"):
        finished = [t for t in tests if t["message"] != judge.UNFINISHED]
        return {"status": "error",
                "tests": [_test("run", "error", _exit_reason(procs["learner"].status)), *finished]}
    status = "pass" if all(t["status"] == "pass" for t in tests) else "fail"
    return {"status": status, "tests": tests}


def _exit_reason(status: int | None) -> str:
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXFSZ:
            return "your code wrote too much data to a file"
        return f"your code was killed by signal {signal.Signals(sig).name} before returning"
    code = os.WEXITSTATUS(status) if status is not None else "?"
    return f"your code exited (status {code}) before returning its results (os._exit?)"


def _judge(dirs, cases: list[dict], check: Path, device: str) -> list[dict]:
    result_file = dirs["learner"].parent / "judged.json"

    def run() -> None:
        tests = []
        for i, info in enumerate(cases):
            status, message = judge.judge_case(
                info, dirs["learner"] / f"case-{i}.pt", dirs["reference"] / f"case-{i}.pt",
                check, device)
            tests.append(_test(info["name"], status, message))
        result_file.write_text(json.dumps(tests))

    proc = _spawn(run)
    _wait([proc], time.monotonic() + 60)
    _end([proc])
    if not result_file.exists():
        return [_test("judge", "error", "the grader failed: " + proc.output.decode()[-500:])]
    return json.loads(result_file.read_text())


def _read_meta(workdir: Path) -> dict | None:
    try:
        return json.loads((workdir / "meta.json").read_text())
    except (OSError, ValueError):
        return None


def _test(name: str, status: str, message: str) -> dict:
    return {"name": name, "status": status, "message": message}


def main() -> None:
    _become_subreaper()
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but verdicts goes to the real stdout
    print(json.dumps({"ready": True, "torch": torch.__version__}), file=out, flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            verdict = grade(json.loads(line))
        except Exception as exc:  # noqa: BLE001 - a bad request must not end the worker
            verdict = {"status": "error", "tests": [_test("grader", "error", repr(exc))]}
        print(json.dumps(verdict), file=out, flush=True)


if __name__ == "__main__":
    main()
