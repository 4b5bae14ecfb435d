"""The terminal review session: rich rendering and single-key control."""

from __future__ import annotations

import time
from datetime import timedelta

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from studykit.cards.mask import mask_chapter
from studykit.cli.keys import ENTER, SPACE, KeyReader
from studykit.review import Card, ReviewSession
from studykit.scheduler import RATING_NAMES, format_interval
from studykit.typed_answer import compare

BLANK = "[...]"
HELP = ("Space/Enter reveal (then Good) · 1 Again · 2 Hard · 3 Good · 4 Easy · u undo · "
        "s suspend · b bury · f flag · e exercise · ? help · q quit")
RATING_STYLE = {1: "red", 2: "yellow", 3: "green", 4: "blue"}


class ReviewUI:
    def __init__(self, session: ReviewSession, *, typed: bool = False,
                 with_exercises: bool = False, console: Console | None = None,
                 keys: KeyReader | None = None) -> None:
        self.session, self.typed, self.with_exercises = session, typed, with_exercises
        self._skipped_exercises: set[str] = set()
        self.console = console or Console(highlight=False)
        self.keys = keys or KeyReader()
        self.started = time.monotonic()

    def run(self) -> None:
        pending: Card | None = None
        while True:
            if self.with_exercises and pending is None and self._resolve_due_exercise() == "quit":
                break
            card = pending or self.session.next_card()
            pending = None
            if card is None:
                self._nothing_left()
                return
            outcome = self._show(card)
            if outcome == "quit":
                break
            if isinstance(outcome, Card):
                pending = outcome
        self._summary()

    # -- one card -------------------------------------------------------------------
    def _show(self, card: Card):
        shown_at = time.monotonic()
        self.console.print(self._front(card))
        suggested = None
        if self.typed and card.answer:
            suggested = self._typed(card)
        else:
            while True:
                key = self.keys.key()
                result = self._common_key(key, card)
                if result is not None:
                    return result
                if key in (SPACE, ENTER):
                    break
        return self._back(card, shown_at, suggested)

    def _back(self, card: Card, shown_at: float, suggested: int | None):
        intervals = self.session.preview(card)
        self.console.print(self._back_panel(card, intervals, suggested))
        while True:
            key = self.keys.key()
            result = self._common_key(key, card)
            if result is not None:
                return result
            rating = int(key) if key in ("1", "2", "3", "4") else None
            if key in (SPACE, ENTER):
                rating = suggested or 3
            if rating:
                duration = int((time.monotonic() - shown_at) * 1000)
                notice = self.session.answer(card, rating, duration)
                self.console.print(f"[{RATING_STYLE[rating]}]{RATING_NAMES[rating]}[/] · next in "
                                   f"{format_interval(intervals[rating])}")
                if notice:
                    self.console.print(f"[bold yellow]{notice}[/]")
                return "answered"

    def _common_key(self, key: str | None, card: Card):
        """Keys that work on both sides of a card; None when the key is not one of them."""
        if key is None or key == "q":
            return "quit"
        if key == "u":
            previous = self.session.undo()
            if previous is None:
                self.console.print("[dim]nothing to undo[/]")
                return None
            self.console.print("[dim]undone: back to the previous card[/]")
            return previous
        if key == "s":
            self.session.suspend(card)
            self.console.print("[dim]suspended[/]")
            return "skipped"
        if key == "b":
            self.session.bury(card)
            self.console.print("[dim]buried until tomorrow[/]")
            return "skipped"
        if key == "f":
            self.session.flag(card)
            self.console.print("[dim]flagged[/]")
        elif key == "e":
            self._exercise(card)
        elif key == "?":
            self.console.print(HELP)
        return None

    def _typed(self, card: Card) -> int | None:
        typed = self.keys.line("Type the answer: ")
        if typed is None:
            return None
        result = compare(typed, card.answer or "")
        diff = Text()
        for tag, text in result.ops:
            style = {"ok": "green", "wrong": "red strike", "missing": "yellow underline"}[tag]
            diff.append(text, style=style)
        self.console.print(Text("your answer vs expected: ") + diff)
        rating = result.suggested_rating
        self.console.print(f"suggested: {rating} {RATING_NAMES[rating]} (Enter to accept)")
        return rating

    def _exercise(self, card: Card) -> None:
        if card.exercise_id:
            self.console.print(f"exercise [bold]{card.exercise_id}[/]: "
                               f"studykit exercise start {card.exercise_id}")
        else:
            self.console.print("[dim]no exercise is linked to this card yet[/]")

    # -- exercises due again (--with-exercises) ------------------------------------------
    def _resolve_due_exercise(self) -> str | None:
        from studykit.practice import due_for_resolving, workspace_file

        due = [e for e in due_for_resolving(self.session.deck)
               if e.id not in self._skipped_exercises]
        if not due:
            return None
        exercise = due[0]
        self.console.print(Panel(
            f"Solve [bold]{exercise.title}[/] again: `studykit exercise reset {exercise.id}` "
            f"puts the starter back in {workspace_file(exercise)}. Edit it, then press Enter "
            "to check it here (pass = Good, fail = Again). s skips it, q quits.",
            title=f"exercise due · {exercise.id}", title_align="left", border_style="magenta"))
        key = self.keys.key()
        if key in (None, "q"):
            return "quit"
        self._skipped_exercises.add(exercise.id)
        if key in (ENTER, SPACE):
            self._check_exercise(exercise)
        return None

    def _check_exercise(self, exercise) -> None:
        from studykit.errors import StudykitError
        from studykit.grading.client import Worker
        from studykit.practice import file_to_check, record

        try:
            path = file_to_check(exercise, None)
            with Worker() as worker:
                verdict = worker.grade(exercise, path)
        except StudykitError as exc:
            self.console.print(f"[red]{exc}[/]")
            return
        record(self.session.deck, verdict, resolve=True)
        rating = "Good" if verdict["status"] == "pass" else "Again"
        self.console.print(f"{exercise.id}: {verdict['status']} → {rating}")

    # -- rendering --------------------------------------------------------------------
    def _header(self, card: Card) -> str:
        left = self.session.remaining()
        elapsed = int(time.monotonic() - self.started)
        where = " · ".join(x for x in (card.book_title, mask_chapter(card.chapter, card.answer)) if x)
        return (f"{where}   [blue]new {left['new']}[/] · [red]learning {left['learning']}[/] · "
                f"[green]review {left['review']}[/] · {elapsed // 60}:{elapsed % 60:02d}")

    def _front(self, card: Card) -> Panel:
        text = Text(card.front)
        text.highlight_words([BLANK], style="bold reverse cyan")
        return Panel(text, title=self._header(card), title_align="left",
                     subtitle=f"{card.kind} · Space to reveal · ? help", subtitle_align="right")

    def _back_panel(self, card: Card, intervals: dict[int, timedelta], suggested):
        body = [Text(card.back)]
        if card.answer:
            body.append(Text(f"answer: {card.answer}", style="bold green"))
        buttons = Text()
        for rating, name in RATING_NAMES.items():
            style = RATING_STYLE[rating] + (" reverse" if rating == suggested else "")
            buttons.append(f" {rating} {name} · {format_interval(intervals[rating])} ",
                           style=style)
            buttons.append("  ")
        body.append(buttons)
        return Panel(Group(*body), border_style="dim")

    def _nothing_left(self) -> None:
        if self.session.summary.answered:
            self._summary()
        wait = self.session.next_due_in()
        if wait is None:
            self.console.print("Nothing due — no scheduled cards. Import notes or add new "
                               "cards with `studykit import`.")
        else:
            self.console.print(f"Nothing due — next card due in {format_interval(wait)}.")

    def _summary(self) -> None:
        s = self.session.summary
        elapsed = int(time.monotonic() - self.started)
        self.console.print(f"Session: {s.answered} cards · again {s.again_rate:.0%} · "
                           f"{elapsed // 60}m{elapsed % 60:02d}s")
