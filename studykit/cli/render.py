"""rich rendering of command results (imported only by commands that print tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

console = Console()


def import_summary(report, dry_run: bool) -> None:
    from rich import box

    table = Table(title="Dry run: nothing was written" if dry_run else None, box=box.SIMPLE)
    table.add_column("file", overflow="fold", min_width=20)
    for name in ("status", "new", "upd", "same", "gone", "junk", "cards"):
        table.add_column(name, justify="left" if name == "status" else "right")
    for f in report.files:
        status = "[red]error[/red]" if f.status == "error" else f.status
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
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
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
