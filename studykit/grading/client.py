"""Talk to a grading worker from the CLI side (no torch in this process).

``Worker().grade(exercise, file) -> dict`` and ``Worker.close()`` are the public API. The
worker runs in its own session, so the terminal's Ctrl-C reaches only the CLI; whatever
ends the CLI (Ctrl-C, an exception, a normal exit) goes through :meth:`Worker.close`,
which ends the worker and every process of the check: through the worker's cgroup
(``cgroup.kill``) when it has one, else by SIGTERM (the worker kills what it started, as
their subreaper), then SIGKILL. The worker also dies with the CLI (``PR_SET_PDEATHSIG``)
and stops when its stdin closes.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

from studykit.errors import StudykitError
from studykit.exercises.catalog import Exercise

WORKER_START_BUDGET = 60.0  # seconds for python + torch to import on a slow machine
GRACE_SECONDS = 90.0  # beyond an exercise's time limit: judging (60 s at most), clean-up
STOP_SECONDS = 10.0


class GradingError(StudykitError):
    """The grading worker could not be started or stopped answering."""


class Worker:
    """A grading worker process: start once, grade many files (the warm path)."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "studykit.grading.worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env=env, start_new_session=True,
        )
        self.cgroup: Path | None = None
        try:
            hello = self._read()
        except BaseException:
            self.close()
            raise
        if not hello.get("ready"):
            self.close()
            raise GradingError("the grading worker did not start", "run `studykit doctor`")
        self.hello = hello
        self.torch_version = hello.get("torch")
        self.sandbox = hello.get("sandbox")
        self.cgroup = Path(hello["cgroup"]) if hello.get("cgroup") else None

    def _read(self, timeout: float = WORKER_START_BUDGET) -> dict:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.close()
            raise GradingError("the grading worker stopped answering (it was stopped and "
                               "killed)", "run the check again; if it repeats, run "
                               "`studykit doctor`")
        line = self.proc.stdout.readline()
        if not line:
            raise self._died()
        try:
            return json.loads(line)
        except ValueError:
            self.close()
            raise GradingError("the grading worker answered something unreadable",
                               "run the check again; if it repeats, run `studykit doctor`"
                               ) from None

    def _died(self) -> GradingError:
        try:
            code = self.proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.close()
            code = None
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            why = (" (often the system running out of memory)" if -code == signal.SIGKILL
                   else "")
            return GradingError(f"the grading worker was killed by {name}{why}",
                                "run the check again; close other programs if it repeats")
        return GradingError(f"the grading worker crashed (exit status {code})",
                            "run the check again; if it repeats, run `studykit doctor` to "
                            "check the torch install")

    def grade(self, exercise: Exercise, file: Path, memory_mb: int = 4096) -> dict:
        request = {
            "id": exercise.id, "file": str(Path(file).resolve()),
            "solution": str(exercise.solution), "check": str(exercise.check),
            "time_limit": exercise.time_limit, "device": exercise.device,
            "topic": exercise.topic,
            "memory_mb": memory_mb,
        }
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            verdict = self._read(exercise.time_limit + GRACE_SECONDS)
        except BrokenPipeError:
            raise self._died() from None
        except BaseException:  # Ctrl-C or any error while a check runs: end all of it
            self.close()
            raise
        if verdict.get("id") != exercise.id:
            self.close()
            raise GradingError("the grading worker answered for another exercise",
                               "run the check again; if it repeats, run `studykit doctor`")
        return verdict

    def close(self) -> None:
        """End the worker and every process it started; safe to call twice."""
        if self.proc.poll() is None:
            self._kill_group()
            with contextlib.suppress(OSError, ValueError):
                self.proc.stdin.close()
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._kill_group()
        if self.cgroup is not None:
            with contextlib.suppress(OSError):
                self.cgroup.rmdir()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None and not stream.closed:
                with contextlib.suppress(OSError):
                    stream.close()

    def _kill_group(self) -> None:
        if self.cgroup is not None:
            with contextlib.suppress(OSError):
                (self.cgroup / "cgroup.kill").write_text("1")

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
