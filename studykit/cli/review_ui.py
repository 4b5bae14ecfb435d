"""The terminal review session: rich rendering and single-key control."""

from __future__ import annotations

import time
from datetime import timedelta
from enum import Enum

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from studykit.cards.mask import mask_chapter
from studykit.cli.keys import ENTER, SPACE, KeyReader
from studykit.cli.render import card_text
from studykit.review import Card, Empty, ReviewSession
from studykit.scheduler import RATING_NAMES, format_interval
from studykit.typed_answer import compare

BLANK = "[...]"
HELP = ("Space/Enter reveal (then Good) · 1 Again · 2 Hard · 3 Good · 4 Easy · u undo · "
        "s suspend · b bury · f flag · e exercise · E edit · ? help · q quit")
RATING_STYLE = {1: "red", 2: "yellow", 3: "green", 4: "blue"}
CRAM_NOTE = "cram: the schedule is unchanged"
TITLE_CHROME = 6  # a panel title's corner, rule and spaces


class Outcome(Enum):
    """How showing one card ended (an undo instead gives the card to show again)."""

    ANSWERED = "answered"
    SKIPPED = "skipped"  # suspended or buried
    QUIT = "quit"


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
            if (self.with_exercises and pending is None
                    and self._resolve_due_exercise() is Outcome.QUIT):
                break
            card = pending or self.session.next_card()
            pending = None
            if card is None:
                self._nothing_left()
                return
            outcome = self._show(card)
            if outcome is Outcome.QUIT:
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
        intervals = None if self.session.cram else self.session.preview(card)
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
                after = (CRAM_NOTE if intervals is None
                         else f"next in {format_interval(intervals[rating])}")
                self.console.print(f"[{RATING_STYLE[rating]}]{RATING_NAMES[rating]}[/] · {after}")
                if notice:
                    self.console.print(f"[bold yellow]{notice}[/]")
                return Outcome.ANSWERED

    def _common_key(self, key: str | None, card: Card):
        """Keys that work on both sides of a card; None when the key is not one of them."""
        if key is None or key == "q":
            return Outcome.QUIT
        if key == "u":
            undone = self.session.undo()
            if undone is None:
                self.console.print("[dim]nothing to undo[/]")
                return None
            self.console.print(f"[dim]undone: {undone.action.value} · back to that card[/]")
            return undone.card
        if key == "s":
            self.session.suspend(card)
            self.console.print("[dim]suspended (u undoes it)[/]")
            return Outcome.SKIPPED
        if key == "b":
            self.session.bury(card)
            self.console.print("[dim]buried until tomorrow (u undoes it; `studykit unbury` "
                               "brings buried cards back)[/]")
            return Outcome.SKIPPED
        if key == "f":
            flagged = self.session.flag(card)
            self.console.print("[dim]flagged[/]" if flagged else "[dim]flag removed[/]")
        elif key == "e":
            self._exercise(card)
        elif key == "E":
            from studykit.cli.edit_commands import edit_in_review

            return edit_in_review(self.session, card, self.console)
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
    def _resolve_due_exercise(self) -> Outcome | None:
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
            return Outcome.QUIT
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
        chapter = mask_chapter(card.chapter, card.answer)  # never gives the answer away
        where = " · ".join(x for x in (card.book_title, chapter) if x)
        mode = "cram · " if self.session.cram else ""
        clock = f"{elapsed // 60}:{elapsed % 60:02d}"
        counts = (f"{mode}new {left['new']} · learning {left['learning']} · "
                  f"review {left['review']} · {clock}")
        # the counts and the clock always show; the book and chapter get what is left
        where = _cropped(where, self.console.width - TITLE_CHROME - cell_len(counts) - 3)
        return (f"{where}   {mode}[blue]new {left['new']}[/] · "
                f"[red]learning {left['learning']}[/] · [green]review {left['review']}[/] · "
                f"{clock}")

    def _front(self, card: Card) -> Panel:
        text = card_text(card.front, card.id, self.console, focus=BLANK)
        text.highlight_words([BLANK], style="bold reverse cyan")
        return Panel(text, title=self._header(card), title_align="left",
                     subtitle=f"{card.kind} · Space to reveal · ? help", subtitle_align="right")

    def _back_panel(self, card: Card, intervals: dict[int, timedelta] | None, suggested):
        body = [card_text(card.back, card.id, self.console, share=0.7)]
        if card.answer:
            body.append(card_text(f"answer: {card.answer}", card.id, self.console, share=0.2,
                                  style="bold green"))
        buttons = Text()
        for rating, name in RATING_NAMES.items():
            style = RATING_STYLE[rating] + (" reverse" if rating == suggested else "")
            label = f" {rating} {name} " if intervals is None else (
                f" {rating} {name} · {format_interval(intervals[rating])} ")
            buttons.append(label, style=style)
            buttons.append("  ")
        body.append(buttons)
        if intervals is None:
            body.append(Text(f"{CRAM_NOTE} (Again shows the card again later in this session)",
                             style="dim"))
        return Panel(Group(*body), border_style="dim")

    def _nothing_left(self) -> None:
        if self.session.summary.answered:
            self._summary()
        for line in empty_message(self.session.why_empty(), self.session.summary.answered):
            self.console.print(line, soft_wrap=True)  # commands stay whole for copying

    def _summary(self) -> None:
        s = self.session.summary
        elapsed = int(time.monotonic() - self.started)
        cram = f" · {CRAM_NOTE}" if self.session.cram else ""
        self.console.print(f"Session: {plural(s.answered, 'card')} · again {s.again_rate:.0%} · "
                           f"{elapsed // 60}m{elapsed % 60:02d}s{cram}")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def empty_message(empty: Empty, answered: int = 0) -> list[str]:
    """What to say when nothing is left to show: why, and what to do about it."""
    if empty.reason == "limit":
        return [f"Stopped after {plural(answered, 'card')} (--limit)."]
    if empty.reason == "cram":
        return ["Cram done: no cards left in this cram session; the schedule is unchanged."]
    if not empty.cards:
        return ["Nothing to review: no cards yet. Import notes with `studykit import PATH`."]
    lines = [_nothing_due(empty)]
    if empty.new_waiting:
        lines.append(
            f"• {plural(empty.new_waiting, 'new card')} {_wait(empty.new_waiting)}: today's limit of "
            f"{plural(empty.new_limit, 'new card')} is reached. Raise it with `studykit config "
            f"new_per_day {empty.new_limit + 10}`, or for today only learn more with "
            f"`studykit review --new {min(empty.new_waiting, 10)}`.")
    if empty.reviews_waiting:
        lines.append(
            f"• {plural(empty.reviews_waiting, 'due review')} {_wait(empty.reviews_waiting)}: today's limit of "
            f"{plural(empty.review_limit, 'review')} is reached. Raise it with `studykit config "
            f"reviews_per_day {empty.review_limit + 100}`.")
    if empty.buried:
        lines.append(f"• {plural(empty.buried, 'card')} buried until tomorrow: "
                     "`studykit unbury` brings them back now.")
    if empty.suspended == empty.cards:
        lines.append(f"• all {plural(empty.cards, 'card')} here are suspended: list them with "
                     "`studykit cards --is suspended`, bring one back with "
                     "`studykit unsuspend ID`.")
    return lines


def _wait(count: int) -> str:
    return "waits" if count == 1 else "wait"


def _nothing_due(empty: Empty) -> str:
    if empty.next_due is not None:
        return f"Nothing due now — the next card is due in {format_interval(empty.next_due)}."
    if empty.suspended == empty.cards:
        return "Nothing due now."
    return "Nothing due now — no card is scheduled for later yet."


def _cropped(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending in "…" when cut (nothing below 2)."""
    if cell_len(text) <= width:
        return text
    if width < 2:
        return ""
    cut = Text(text)
    cut.truncate(width, overflow="ellipsis")
    return cut.plain
