"""The terminal review session: rich rendering and single-key control."""

from __future__ import annotations

import time
from datetime import timedelta

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from studykit.cli.keys import ENTER, SPACE, KeyReader
from studykit.cli.render import card_text
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
        self._on_screen = None  # the side of the card shown last (`e` shows it again)
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
        self._on_screen = self._front(card)
        self.console.print(self._on_screen)
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
        self._on_screen = self._back_panel(card, intervals, suggested)
        self.console.print(self._on_screen)
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
        """The linked exercise's task, the learner's copy in their editor, then the card."""
        from studykit.cli.exercise_ui import show_linked_exercise

        show_linked_exercise(card.exercise_id, self.console, self.keys)
        if card.exercise_id and self._on_screen is not None:
            self.console.print(self._on_screen)

    # -- exercises due again (--with-exercises) ------------------------------------------
    def _resolve_due_exercise(self) -> str | None:
        from studykit.exercises.progress import due_for_resolving
        from studykit.exercises.workspace import workspace_file

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
        from studykit.exercises.check import check

        try:
            verdict = check(exercise, self.session.deck, resolve=True)
        except StudykitError as exc:
            self.console.print(f"[red]{exc}[/]")
            return
        rating = "Good" if verdict.passed else "Again"
        self.console.print(f"{exercise.id}: {verdict.status} → {rating}")

    # -- rendering --------------------------------------------------------------------
    def _header(self, card: Card) -> str:
        left = self.session.remaining()
        elapsed = int(time.monotonic() - self.started)
        where = " · ".join(x for x in (card.book_title, card.chapter) if x)
        return (f"{where}   [blue]new {left['new']}[/] · [red]learning {left['learning']}[/] · "
                f"[green]review {left['review']}[/] · {elapsed // 60}:{elapsed % 60:02d}")

    def _front(self, card: Card) -> Panel:
        text = card_text(card.front, card.id, self.console, focus=BLANK)
        text.highlight_words([BLANK], style="bold reverse cyan")
        return Panel(text, title=self._header(card), title_align="left",
                     subtitle=f"{card.kind} · Space to reveal · ? help", subtitle_align="right")

    def _back_panel(self, card: Card, intervals: dict[int, timedelta], suggested):
        body = [card_text(card.back, card.id, self.console, share=0.7)]
        if card.answer:
            body.append(card_text(f"answer: {card.answer}", card.id, self.console, share=0.2,
                                  style="bold green"))
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
