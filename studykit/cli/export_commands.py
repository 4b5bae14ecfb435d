"""export json, anki, csv, markdown (a sub-app loaded only when used)."""

from __future__ import annotations

from pathlib import Path

import typer

from studykit.cli import DbPath, deck_path

export_app = typer.Typer(help="Export the deck: json, anki, csv, markdown.", no_args_is_help=True,
                         rich_markup_mode=None)

BookOption = typer.Option(None, "--book", help="Only this book: its id or part of its title.")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _skipped(counts: dict) -> str:
    return (f"left out {_n(counts['skipped_suspended'], 'suspended card')} and "
            f"{_n(counts['skipped_removed'], 'card')} of removed highlights")


@export_app.command("json")
def export_json_command(
    ctx: typer.Context,
    db: DbPath = None,
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
) -> None:
    """The whole deck as JSON: books, highlights, their cards and scheduling state."""
    from studykit.deck import Deck
    from studykit.export.json_export import deck_json, export_json

    with Deck(deck_path(ctx, db)) as deck:
        if output:
            export_json(deck.conn, output)
        else:
            text = deck_json(deck.conn)
    if output:
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(text)


@export_app.command("anki")
def export_anki_command(
    ctx: typer.Context,
    output: Path = typer.Option(..., "-o", "--output", help="The .apkg file to write."),
    book: str | None = BookOption,
    db: DbPath = None,
) -> None:
    """An Anki package with the schedule and review log (import it with "import any
    learning progress"): one Cloze note per highlight, one subdeck per book; importing a
    newer package updates the notes."""
    from studykit.config import load_config
    from studykit.deck import Deck
    from studykit.export.anki import export_anki

    config = load_config()
    with Deck(deck_path(ctx, db)) as deck:
        counts = export_anki(deck.conn, output, book=book, config=config)
    typer.echo(f"wrote {output}: {_n(counts['notes'], 'note')} ({counts['cloze']} cloze, "
               f"{counts['basic']} basic) with {_n(counts['cards'], 'card')} and "
               f"{_n(counts['reviews'], 'logged review')} in {_n(counts['books'], 'deck')}; "
               f"{_skipped(counts)}")


@export_app.command("csv")
def export_csv_command(
    ctx: typer.Context,
    output: Path | None = typer.Option(None, "-o", "--output",
                                       help="Write to this file (default: standard output)."),
    book: str | None = BookOption,
    anki: bool = typer.Option(False, "--anki",
                              help="Anki's header lines instead of the header row."),
    db: DbPath = None,
) -> None:
    """One row per card (id, book, chapter, kind, front, back, answer, exercise, state,
    due, tags); with --anki, ready for Anki's File > Import."""
    from studykit.deck import Deck
    from studykit.export.csv_export import export_csv

    with Deck(deck_path(ctx, db)) as deck:
        counts = export_csv(deck.conn, output, book=book, anki=anki)
    typer.echo(f"wrote {output or 'standard output'}: {_n(counts['cards'], 'card')} from "
               f"{_n(counts['books'], 'book')}; {_skipped(counts)}", err=output is None)


@export_app.command("markdown")
def export_markdown_command(
    ctx: typer.Context,
    output: Path | None = typer.Option(
        None, "-o", "--output",
        help="A folder (one sheet per book) or a .md file (default: standard output)."),
    book: str | None = BookOption,
    db: DbPath = None,
) -> None:
    """Printable study sheets: highlights, thoughts, cards and exercises by chapter."""
    from studykit.deck import Deck
    from studykit.export.markdown_export import export_markdown, render_sheets

    with Deck(deck_path(ctx, db)) as deck:
        if output is None:
            sheets = render_sheets(deck.conn, book)
        else:
            counts = export_markdown(deck.conn, output, book=book)
    if output is None:
        typer.echo("\n".join(s.text for s in sheets), nl=False)
        counts = {"books": len(sheets), "highlights": sum(s.highlights for s in sheets),
                  "cards": sum(s.cards for s in sheets)}
    where = output if output is not None else "standard output"
    typer.echo(f"wrote {_n(counts['books'], 'study sheet')} to {where}: "
               f"{_n(counts['highlights'], 'highlight')}, {_n(counts['cards'], 'card')}",
               err=output is None)
