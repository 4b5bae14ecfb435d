"""rich rendering of command results (imported only by commands that print tables)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console()


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def import_summary(report, dry_run: bool) -> None:
    from rich import box
    from rich.markup import escape

    table = Table(title="Dry run: nothing was written" if dry_run else None, box=box.SIMPLE,
                  pad_edge=False, collapse_padding=True)
    table.add_column("file", overflow="fold", min_width=20)
    for name in ("status", "new", "upd", "same", "gone", "junk", "cards"):
        table.add_column(name, justify="left" if name == "status" else "right",
                         no_wrap=name == "status")
    for f in report.files:
        status = "[red]error[/red]" if f.status == "error" else _status(f.status, dry_run)
        table.add_row(escape(_short(f.path)), status, str(f.new), str(f.updated),
                      str(f.unchanged), str(f.removed), str(f.skipped), f"+{f.cards_new}")
    console.print(table)
    console.print("[dim]upd: edited highlights (history kept) · gone: no longer in the file "
                  "(cards suspended) · junk: images, fragments, lone headings (no card)[/]")
    for f in report.files:
        for warning in f.warnings:
            console.print(f"[yellow]warning[/yellow] {escape(_short(f.path))}: "
                          f"{escape(warning)}")
        if f.error:
            console.print(f"[red]error[/red] {escape(f.error)}", soft_wrap=True)
    totals = report.to_json()
    h = totals["highlights"]
    if totals["reviews"]:
        verb = "would come" if dry_run else "came"
        console.print(f"{plural(totals['reviews'], 'answer')} given in Anki {verb} back into "
                      "the review log (FSRS state replayed).")
    cards = plural(totals["cards"]["new"], "new card")
    console.print(f"{plural(totals['files'], 'file')}, {plural(totals['books'], 'book')}; "
                  f"highlights: {h['new']:,} new, {h['updated']:,} updated, "
                  f"{h['unchanged']:,} unchanged, {h['removed']:,} removed; "
                  f"{'would make ' if dry_run else ''}{cards}.", soft_wrap=True)


def _status(status: str, dry_run: bool) -> str:
    return {"imported": "would import"}.get(status, status) if dry_run else status


def books_table(books: list[dict]) -> None:
    if not books:
        console.print("No books yet: import some notes with `studykit import PATH`.")
        return
    from rich import box

    wide = console.width >= 100  # narrower: the author goes under the title, no format
    table = Table(box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
                  caption="new · learn · review: what `studykit review` would show today",
                  caption_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=2)
    if wide:
        table.add_column("author", overflow="fold", ratio=1)
        table.add_column("format", no_wrap=True)
    for name in ("highlights", "cards", "new", "learn", "review"):
        table.add_column(name, justify="right", no_wrap=True)
    for b in books:
        author = b["author"] or ""
        about = [author, b["source_format"]] if wide else []
        title = Text(b["title"]) if wide or not author else Text.assemble(
            b["title"], "\n", (author, "dim"))
        table.add_row(Text(b["id"]), title, *map(Text, about), f"{b['highlights']:,}", f"{b['cards']:,}",
                      f"{b['new']:,}", f"{b['learning']:,}", f"{b['review']:,}")
    console.print(table)


def _short(path: str) -> str:
    """The path relative to the current folder when it is below it (links not followed:
    the path may be a link that loops)."""
    import os
    from pathlib import Path

    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return path


FRONT_CHARS = 48  # of a card's front in `studykit cards`
NARROW_FRONT = 24  # below this many columns for the front, a card takes two lines


CARD_COLUMNS = ("id", "kind", "state", "due (UTC)", "front", "exercise")


def cards_table(cards: list[dict]) -> None:
    """One row per card; ids and exercise ids are never cut: when the terminal is too
    narrow for a front beside them, each card takes two lines instead."""
    if not cards:
        console.print("No cards match.")
        return
    from rich.cells import cell_len

    rows = [_card_cells(c) for c in cards]
    widths = [max(cell_len(name), *(cell_len(r[i]) for r in rows))
              for i, name in enumerate(CARD_COLUMNS)]
    # around the cells: one column of padding on each side of each, one between two
    # columns and one at each edge of the table
    chrome = 3 * len(widths) + 1
    room = console.width - chrome - sum(widths) + widths[4]
    front = min(widths[4], room)
    if room < min(widths[4], NARROW_FRONT):  # short fronts need only their own width
        _cards_two_lines(rows)
        return
    from rich import box

    table = Table(box=box.SIMPLE_HEAD)
    for name, width in zip(CARD_COLUMNS, widths, strict=True):
        if name == "front":
            table.add_column(name, overflow="fold", width=front)
        else:
            table.add_column(name, no_wrap=True, width=width)
    for row in rows:
        table.add_row(*map(Text, row))
    console.print(table)


def _card_cells(card: dict) -> tuple[str, ...]:
    front = card["front"].replace("\n", " ")
    due = (card["due"] or "").replace("T", " ")[5:16]
    return (card["id"], card["kind"], card["state"], due,
            front[:FRONT_CHARS] + ("…" if len(front) > FRONT_CHARS else ""),
            card["exercise"] or "")


def _cards_two_lines(rows: list[tuple[str, ...]]) -> None:
    from rich.cells import cell_len
    from rich.padding import Padding

    for card_id, kind, state, due, front, exercise in rows:
        facts = " · ".join(x for x in (kind, state, due and f"due {due} UTC", exercise) if x)
        if cell_len(f"{card_id}  {facts}") <= console.width:
            console.print(Text.assemble((card_id, "bold"), "  ", (facts, "dim")))
        else:  # the facts go under the id rather than cut either
            console.print(Text(card_id, style="bold"), no_wrap=True, overflow="ignore")
            console.print(Text(f"    {facts}", style="dim"))
        console.print(Padding(Text(front), (0, 0, 0, 4)))


# -- huge cards: at most a screenful ---------------------------------------------------------

PANEL_CHROME = 4  # a panel's borders and padding take this many columns
RESERVED_ROWS = 9  # header, buttons and prompt lines kept on screen with a card


def screenful(text: str, *, width: int, rows: int, focus: str | None = None) -> tuple[str, int]:
    """The part of ``text`` that fills at most ``rows`` rows of ``width`` columns, and how
    many characters are left out (0 when it all fits). The work is bounded by the screen,
    not by the text: a 20 MB one-line card costs what a screenful does. ``focus`` (e.g. a
    cloze blank) is kept in view when it lies beyond the first half screen; the text then
    starts with "…"."""
    width, rows = max(width, 10), max(rows, 1)
    budget = width * rows
    start = _start_for(text, focus, budget)
    kept, used, pos = [], 0, start
    while pos < len(text) and used < rows:
        newline = text.find("\n", pos, pos + budget + 1)
        end = newline if newline != -1 else min(len(text), pos + budget)
        line = text[pos:end]
        fits = _chars_within(line, (rows - used) * width)
        kept.append(line[:fits])
        used += max(1, -(-cell_len(line[:fits]) // width))
        if fits < len(line):
            pos += fits
            break
        pos = end + 1 if newline != -1 else end
    hidden = start + max(0, len(text) - pos)
    return ("…" if start else "") + "\n".join(kept), hidden


def _start_for(text: str, focus: str | None, budget: int) -> int:
    found = text.find(focus) if focus else -1
    return max(0, found - budget // 3) if found + len(focus or "") > budget // 2 else 0


def _chars_within(line: str, cells: int) -> int:
    """How many leading characters of ``line`` fit in ``cells`` terminal cells (wide CJK
    characters take two)."""
    if cell_len(line) <= cells:
        return len(line)
    low, high = 0, min(len(line), cells)
    while low < high:
        middle = (low + high + 1) // 2
        if cell_len(line[:middle]) <= cells:
            low = middle
        else:
            high = middle - 1
    return low


def hidden_note(card_id: str, hidden: int) -> str:
    """The line under a clipped card: how much is hidden and how to see it whole."""
    return (f"… {hidden:,} more characters not shown: see the card whole with "
            f"`studykit cards --id {card_id} --full`")


def card_text(text: str, card_id: str | None, console: Console, *, share: float = 1.0,
              focus: str | None = None, style: str = ""):
    """A rich Text of a card's ``text`` clipped to ``share`` of a screenful (what is left
    of the console's height once the header and buttons are drawn), with a note saying
    how much is hidden and how to see it whole."""
    from rich.text import Text

    width, height = console.size
    rows = max(3, int((height - RESERVED_ROWS) * share))
    shown, hidden = screenful(text, width=width - PANEL_CHROME, rows=rows, focus=focus)
    result = Text(shown, style=style)
    if hidden:
        note = (hidden_note(card_id, hidden) if card_id
                else f"… {hidden:,} more characters not shown")
        result.append("\n" + note, style="dim italic")
    return result
