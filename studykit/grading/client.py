"""Talk to a grading worker from the CLI side (no torch in this process)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

from studykit.errors import StudykitError
from studykit.exercises.catalog import Exercise

WORKER_START_BUDGET = 60.0  # seconds for python + torch to import on a slow machine
GRACE_SECONDS = 30.0  # beyond an exercise's time limit: judging, clean-up


class GradingError(StudykitError):
    """The grading worker could not be started or stopped answering."""


class Worker:
    """A grading worker process: start once, grade many files (the warm path)."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "studykit.grading.worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env=env,
        )
        hello = self._read()
        if not hello.get("ready"):
            raise GradingError("the grading worker did not start", "run `studykit doctor`")
        self.torch_version = hello.get("torch")

    def _read(self, timeout: float = WORKER_START_BUDGET) -> dict:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.proc.kill()
            raise GradingError("the grading worker stopped answering",
                               "run the check again; if it repeats, run `studykit doctor`")
        line = self.proc.stdout.readline()
        if not line:
            raise GradingError("the grading worker stopped unexpectedly",
                               "run `studykit doctor` to check the torch install")
        return json.loads(line)

    def grade(self, exercise: Exercise, file: Path, memory_mb: int = 4096) -> dict:
        request = {
            "id": exercise.id, "file": str(Path(file).resolve()),
            "solution": str(exercise.solution), "check": str(exercise.check),
            "time_limit": exercise.time_limit, "device": exercise.device,
            "topic": exercise.topic,
            "memory_mb": memory_mb,
        }
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self._read(exercise.time_limit + GRACE_SECONDS)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if not stream.closed:
                stream.close()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
