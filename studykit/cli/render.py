"""rich rendering of command results (imported only by commands that print tables)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

console = Console()


def import_summary(report, dry_run: bool) -> None:
    from rich import box
    from rich.markup import escape

    table = Table(title="Dry run: nothing was written" if dry_run else None, box=box.SIMPLE)
    table.add_column("file", overflow="fold", min_width=20)
    for name in ("status", "new", "upd", "same", "gone", "junk", "cards"):
        table.add_column(name, justify="left" if name == "status" else "right")
    for f in report.files:
        status = "[red]error[/red]" if f.status == "error" else f.status
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
    console.print(f"{totals['files']} files, {totals['books']} books: {h['new']} new, "
                  f"{h['updated']} updated, {h['unchanged']} unchanged, {h['removed']} removed "
                  f"highlights; {totals['cards']['new']} new cards.")


def books_table(books: list[dict]) -> None:
    if not books:
        console.print("No books yet: import some notes with `studykit import PATH`.")
        return
    table = Table()
    for name in ("id", "title", "author", "format", "highlights", "cards", "due"):
        table.add_column(name, justify="right" if name in ("highlights", "cards", "due") else "left")
    for b in books:
        table.add_row(b["id"], b["title"], b["author"] or "", b["source_format"],
                      str(b["highlights"]), str(b["cards"]), str(b["due"]))
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


def cards_table(cards: list[dict]) -> None:
    if not cards:
        console.print("No cards match.")
        return
    from rich import box

    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("id", overflow="fold", min_width=18)
    table.add_column("kind")
    table.add_column("state")
    table.add_column("due (UTC)", no_wrap=True)
    table.add_column("front", overflow="fold", ratio=1)
    table.add_column("exercise", overflow="fold")
    for c in cards:
        front = c["front"].replace("\n", " ")
        due = (c["due"] or "").replace("T", " ")[5:16]
        table.add_row(c["id"], c["kind"], c["state"], due,
                      front[:48] + ("…" if len(front) > 48 else ""), c["exercise"] or "")
    console.print(table)


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
