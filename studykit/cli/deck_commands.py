"""import, books, doctor."""


import json
from pathlib import Path

import typer

from studykit.cli import DbPath, app, deck_path

PROGRESS_FROM = 10  # files; fewer than this import without a progress bar


def print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command("import")
def import_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="Files or folders (.md, .txt; recursive), or Anki packages (.apkg, .colpkg).",
        readable=False),  # unreadable: one line, not exit 2
    db: DbPath = None,
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Import WeRead exports and Markdown/text notes (safe to repeat as reading goes on),
    or an Anki package: reviews done in Anki come back."""
    from studykit.deck import Deck
    from studykit.importer import collect_files, import_paths

    with Deck(deck_path(ctx, db)) as deck:
        files = collect_files(paths)
        if as_json or len(files) < PROGRESS_FROM:
            report = import_paths(deck, files, dry_run=dry_run)
        else:
            report = _import_with_progress(deck, files, dry_run)
    if as_json:
        print_json(report.to_json())
    else:
        from studykit.cli.render import import_summary

        import_summary(report, dry_run)
    raise typer.Exit(1 if report.failed else 0)


def _import_with_progress(deck, files, dry_run):
    from rich.progress import Progress

    from studykit.importer import import_paths

    with Progress(transient=True) as progress:
        task = progress.add_task("Importing", total=len(files))
        return import_paths(deck, files, dry_run=dry_run,
                            on_file=lambda _: progress.advance(task))


@app.command("books")
def books_command(
    ctx: typer.Context,
    db: DbPath = None,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the books: highlights, cards, and what a review would show today."""
    from studykit.config import load_config
    from studykit.deck import Deck, utc_now
    from studykit.deck.queries import book_summaries
    from studykit.review import today_by_book

    config = load_config()
    with Deck(deck_path(ctx, db)) as deck:
        books = book_summaries(deck.conn)
        today = today_by_book(deck, config, utc_now())
    for book in books:
        counts = today.get(book["id"], {"new": 0, "learning": 0, "review": 0})
        book.update(counts, due=counts["learning"] + counts["review"])
    if as_json:
        print_json(books)
        return
    from studykit.cli.render import books_table

    books_table(books)


@app.command("doctor")
def doctor_command(ctx: typer.Context, db: DbPath = None) -> None:
    """Check the installation: Python, torch and CUDA, the deck and the exercises."""
    from studykit.doctor import run_checks

    failed = False
    for name, ok, detail in run_checks(deck_path(ctx, db)):
        failed |= not ok
        typer.echo(f"{'ok ' if ok else 'BAD'}  {name:12} {detail}")
    raise typer.Exit(1 if failed else 0)


@app.command("backup")
def backup_command(ctx: typer.Context, db: DbPath = None,
                   output: Path | None = typer.Option(None, "-o", "--output",
                                                      help="Where to write the copy.")) -> None:
    """A verified copy of the deck (SQLite's backup API, then an integrity check of the
    copy; safe while reviewing). A damaged deck gives an error, never a corrupt backup."""
    from studykit.deck import Deck
    from studykit.deck.backups import backup_name

    path = deck_path(ctx, db)
    with Deck(path) as deck:
        target = deck.backup(output or backup_name(path))
    typer.echo(f"backed up {path} to {target} (integrity checked)")


@app.command("restore")
def restore_command(ctx: typer.Context, backup: Path = typer.Argument(..., help="A backup file."),
                    db: DbPath = None) -> None:
    """Replace the deck with a backup. The replaced deck is always kept in the backups
    folder: copied when sound, moved aside whole when damaged or unreadable."""
    from studykit.deck.backups import restore

    path = deck_path(ctx, db)
    restored = restore(backup, path)
    if restored.kept is None:
        kept = ""
    elif restored.moved:
        kept = f" (the damaged or unreadable file was moved to {restored.kept})"
    else:
        kept = f" (the previous deck is kept at {restored.kept})"
    typer.echo(f"restored {path} from {backup}{kept}")
