"""`studykit exercise watch`: re-check on every save, with one-key commands."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from rich.console import Console

from studykit.catalog import Exercise, get_exercise
from studykit.cli.keys import KeyPoller
from studykit.deck import Deck
from studykit.grading.client import Worker
from studykit.practice import next_hint, next_unsolved, record, start

KEYS = "h hint · n next (after a pass) · l list · r re-run · q quit"
POLL_SECONDS = 0.5


class WatchUI:
    def __init__(self, deck: Deck, exercise_id: str | None, *, poll: bool = False,
                 console: Console | None = None) -> None:
        self.deck, self.use_polling = deck, poll
        self.console = console or Console(highlight=False)
        self.exercise = get_exercise(exercise_id) if exercise_id else next_unsolved(deck)
        self.passed = False

    def run(self) -> None:
        if self.exercise is None:
            self.console.print("Every exercise is passed. Well done!")
            return
        with Worker() as worker, KeyPoller() as keys:
            self.worker = worker
            self._open(self.exercise)
            while True:
                try:
                    key = keys.poll(0.1)
                except EOFError:
                    return
                if key and not self._on_key(key):
                    return
                if self._changed():
                    self._check()

    def _open(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.path, _ = start(exercise)
        self.passed = False
        self._start_watching()
        self.console.rule(f"{exercise.id} · {exercise.title}")
        self.console.print(f"edit [bold]{self.path}[/] — checked on every save. {KEYS}")
        self._check()

    def _on_key(self, key: str) -> bool:
        if key == "q":
            return False
        if key == "r":
            self._check()
        elif key == "h":
            number, hint = next_hint(self.deck, self.exercise)
            self.console.print(f"[yellow]hint {number}/{len(self.exercise.hints)}:[/] {hint}")
        elif key == "l":
            from studykit.cli.render import exercise_list
            from studykit.practice import statuses

            exercise_list(statuses(self.deck))
        elif key == "n":
            self._next()
        return True

    def _next(self) -> None:
        if not self.passed:
            self.console.print("[dim]pass this one first (or press h for a hint)[/]")
            return
        following = next_unsolved(self.deck)
        if following is None:
            self.console.print("Every exercise is passed. Well done!")
            return
        self._open(following)

    def _check(self) -> None:
        from studykit.cli.render import verdict_panel

        verdict = self.worker.grade(self.exercise, self.path)
        record(self.deck, verdict)
        self.passed = verdict["status"] == "pass"
        verdict_panel(verdict, self.path, console=self.console)
        if self.passed:
            self.console.print("[green]Passed![/] n: next exercise · "
                               f"studykit exercise solution {self.exercise.id}")

    # -- noticing saves ---------------------------------------------------------------
    def _start_watching(self) -> None:
        self._mtime = _mtime(self.path)
        self._events: queue.Queue = queue.Queue()
        if self.use_polling:
            return
        stop = getattr(self, "_stop", None)
        if stop:
            stop.set()
        self._stop = threading.Event()
        thread = threading.Thread(target=self._watch_files, args=(self.path, self._stop),
                                  daemon=True)
        thread.start()

    def _watch_files(self, path: Path, stop: threading.Event) -> None:
        from watchfiles import watch

        for changes in watch(path.parent, stop_event=stop, debounce=50, step=20,
                             yield_on_timeout=False, raise_interrupt=False):
            if any(Path(p).name == path.name for _, p in changes):
                self._events.put(True)

    def _changed(self) -> bool:
        if self.use_polling:
            current = _mtime(self.path)
            if current != self._mtime:
                self._mtime = current
                return True
            return False
        changed = False
        while not self._events.empty():
            self._events.get_nowait()
            changed = True
        return changed


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
