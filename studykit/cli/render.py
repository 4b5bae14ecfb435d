"""rich rendering of command results (imported only by commands that print tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console()


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def import_summary(report, dry_run: bool) -> None:
    from rich import box

    table = Table(title="Dry run: nothing was written" if dry_run else None, box=box.SIMPLE)
    table.add_column("file", overflow="fold", min_width=20)
    for name in ("status", "new", "upd", "same", "gone", "junk", "cards"):
        table.add_column(name, justify="left" if name == "status" else "right",
                         no_wrap=name == "status")
    for f in report.files:
        status = "[red]error[/red]" if f.status == "error" else _status(f.status, dry_run)
        table.add_row(_short(f.path), status, str(f.new), str(f.updated), str(f.unchanged),
                      str(f.removed), str(f.skipped), f"+{f.cards_new}")
    console.print(table)
    console.print("[dim]upd: edited highlights (history kept) · gone: no longer in the file "
                  "(cards suspended) · junk: images, fragments, lone headings (no card)[/]")
    for f in report.files:
        for warning in f.warnings:
            console.print(f"[yellow]warning[/yellow] {_short(f.path)}: {warning}")
        if f.error:
            console.print(f"[red]error[/red] {f.error}", soft_wrap=True)
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
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


FRONT_CHARS = 48  # of a card's front in `studykit cards`
NARROW_FRONT = 20  # below this many columns for the front, a card takes two lines


def cards_table(cards: list[dict]) -> None:
    """One row per card; ids and exercise ids are never cut: when the terminal is too
    narrow for a front beside them, each card takes two lines instead."""
    if not cards:
        console.print("No cards match.")
        return
    rows = [_card_cells(c) for c in cards]
    fixed = sum(max(len(r[i]) for r in rows) + 2 for i in (0, 1, 2, 3, 5)) + 2
    if console.width - fixed < NARROW_FRONT:
        _cards_two_lines(rows)
        return
    from rich import box

    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("id", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("due (UTC)", no_wrap=True)
    table.add_column("front", overflow="fold", ratio=1)
    table.add_column("exercise", no_wrap=True)
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


STATUS_MARK = {"pass": "[green]✓ pass[/]", "fail": "[red]✗ fail[/]", "error": "[red]! error[/]",
               "timeout": "[red]⏱ timeout[/]", "started": "[yellow]… started[/]",
               "new": "[dim]· new[/]"}


def exercise_list(items) -> None:
    table = Table(title="Exercises (course order)")
    for name in ("#", "id", "title", "status"):
        table.add_column(name)
    for number, s in enumerate(items, 1):
        table.add_row(str(number), s.exercise.id, s.exercise.title, STATUS_MARK[s.status])
    console.print(table)
    by_topic: dict[str, list[int]] = {}
    for s in items:
        done, total = by_topic.setdefault(s.exercise.topic, [0, 0])
        by_topic[s.exercise.topic] = [done + s.passed, total + 1]
    console.print("  ".join(f"{t} {d}/{n}" for t, (d, n) in by_topic.items()))


def exercise_page(ex, path, cards) -> None:
    from rich.markdown import Markdown

    console.rule(f"{ex.id} · {ex.title}")
    console.print(f"topic {ex.topic} · difficulty {'★' * ex.difficulty} · device {ex.device} · "
                  f"time limit {ex.time_limit:g}s · {len(ex.hints)} hints")
    console.print(Markdown(ex.prompt() or "(no description)"))
    console.print(f"your file: {path}" if path.exists()
                  else f"start it with: studykit exercise start {ex.id}")
    if cards:
        console.print(f"{len(cards)} card(s) point here:")
        for card in cards:
            console.print(f"  {card['id']}  {card['front'][:60]}")


def verdict_panel(verdict: dict, path, console: Console = console) -> None:
    status = verdict["status"]
    console.print(f"{STATUS_MARK[status]}  {verdict['id']}  ({verdict['device']}, "
                  f"{verdict['seconds']:.2f} s)  {path}")
    failures = [t for t in verdict["tests"] if t["status"] != "pass"]
    for test in verdict["tests"]:
        mark = "[green]✓[/]" if test["status"] == "pass" else "[red]✗[/]"
        console.print(f"  {mark} {test['name']}")
    if failures:
        first = failures[0]
        console.print(f"[bold]first problem[/] ({first['name']}):")
        console.print(f"  {first['message']}", markup=False, highlight=False)
    if verdict.get("output"):
        console.print("[dim]your output:[/]")
        console.print(verdict["output"], markup=False, highlight=False)
