"""`studykit exercise watch`: re-check on every save, redrawn in place (rich Live).

The view, top to bottom: the exercise, progress bars (its topic, the whole catalog), the
last verdict's line, a message (hint, notice), then the task (when the exercise has just
opened, or after `t`) or the last verdict in full. `l` prints the list above the view.
"""

from __future__ import annotations

import queue
import threading
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console, Group
from rich.live import Live
from rich.rule import Rule
from rich.text import Text

from studykit.cli import exercise_render as render
from studykit.cli.keys import KeyPoller
from studykit.deck import Deck
from studykit.errors import StudykitError
from studykit.exercises.catalog import Exercise, get_exercise
from studykit.exercises.check import Verdict, check
from studykit.exercises.progress import next_hint, next_unsolved, statuses, tallies
from studykit.exercises.workspace import start

KEYS = "h hint · t task · n next · l list · r re-run · q quit"


class WatchUI:
    def __init__(self, deck: Deck, exercise_id: str | None, *, poll: bool = False,
                 console: Console | None = None) -> None:
        self.deck, self.use_polling = deck, poll
        self.console = console or Console(highlight=False)
        self.exercise = get_exercise(exercise_id) if exercise_id else next_unsolved(deck)
        self.verdict: Verdict | None = None
        self.message: Text = Text("")
        self.show_task = True
        self.live: Live | None = None

    @property
    def passed(self) -> bool:
        return bool(self.verdict and self.verdict.passed)

    def run(self) -> None:
        from studykit.grading.client import Worker

        if self.exercise is None:
            self.console.print("Every exercise is passed. Well done!")
            return
        self.message = Text("starting the grader…", style="dim")
        live = Live(self._view(), console=self.console, auto_refresh=False,
                    vertical_overflow="crop")
        with self._maybe_live(live), Worker() as worker, KeyPoller() as keys:
            self.worker = worker
            self._open(self.exercise)
            self._loop(keys)

    @contextmanager
    def _maybe_live(self, live: Live):
        """In a terminal the view is redrawn in place; elsewhere each view is printed."""
        if not self.console.is_terminal:
            yield
            return
        with live:
            self.live = live
            try:
                yield
            finally:
                self.live = None

    def _loop(self, keys: KeyPoller) -> None:
        while True:
            try:
                key = keys.poll(0.1)
            except EOFError:
                return
            if key and not self._on_key(key):
                return
            if self._changed():
                self.show_task = False
                self._check()

    def _open(self, exercise: Exercise) -> None:
        """Make ``exercise`` the one watched: its copy, its task, a first check."""
        self.exercise, self.verdict, self.show_task = exercise, None, True
        self.path, copied = start(exercise)
        self.message = Text(f"{'created' if copied else 'your copy:'} {self.path}")
        self._start_watching()
        self._check()

    def _on_key(self, key: str) -> bool:
        if key == "q":
            return False
        if key == "r":
            self._check()
        elif key == "h":
            number, hint = next_hint(self.deck, self.exercise)
            self._say(Text.from_markup(f"[yellow]hint {number}/{len(self.exercise.hints)}:[/] ")
                      + Text(hint))
        elif key == "t":
            self.show_task = not self.show_task
            self._redraw()
        elif key == "l":
            items = statuses(self.deck)
            render.exercise_list(items, tallies(items)[0], out=self.console)
        elif key == "n":
            self._next()
        return True

    def _next(self) -> None:
        if not self.passed:
            self._say(Text("pass this one first (or press h for a hint)", style="dim"))
            return
        following = next_unsolved(self.deck, after=self.exercise)
        if following is None:
            self._say(Text("Every exercise is passed. Well done!", style="green"))
            return
        self._open(following)

    def _check(self) -> None:
        try:
            self.verdict = check(self.exercise, self.deck, self.worker, file=self.path)
        except StudykitError as exc:
            self._say(Text(str(exc), style="red"))
            return
        if self.passed:
            self.message = Text.from_markup(
                "[green]Passed![/] n: next exercise · see the reference: "
                f"studykit exercise solution {self.exercise.id}")
        self._redraw()

    def _say(self, message: Text) -> None:
        self.message = message
        self._redraw()

    # -- the view ---------------------------------------------------------------------
    def _redraw(self) -> None:
        if self.live is not None:
            self.live.update(self._view(), refresh=True)
        else:
            self.console.print(self._view())

    def _view(self) -> Group:
        if self.exercise is None:
            return Group()
        ex = self.exercise
        per_topic, catalog = tallies(statuses(self.deck))
        parts = [Rule(Text(f"{ex.id} · {ex.title}", style="bold"), align="left"),
                 render.progress_view(ex.topic, per_topic[ex.topic], catalog),
                 Text(f"checked on every save · {KEYS}", style="dim"),
                 self.message]
        if self.show_task or self.verdict is None:
            if self.verdict is not None:
                parts.append(Text.from_markup(
                    f"{render.STATUS_MARK[self.verdict.status]} · the task (t: the verdict):"))
            parts.append(render.task_view(ex))
        else:
            parts.append(render.verdict_view(self.verdict))
        return Group(*parts)

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
