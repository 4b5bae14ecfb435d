"""studykit exercise list/show/start/check/hint/solution/watch/next/reset/path."""

from __future__ import annotations

from pathlib import Path

import typer

from studykit.cli import DB_HELP, deck_path
from studykit.cli.deck_commands import print_json

exercise_app = typer.Typer(help="Graded PyTorch exercises (rustlings-style).",
                           no_args_is_help=True, rich_markup_mode=None)
DbOption = typer.Option(None, "--db", help=DB_HELP)


def _open(ctx, db):
    from studykit.deck import Deck

    return Deck(deck_path(ctx, db))


def _exercise(exercise_id: str):
    from studykit.catalog import get_exercise

    return get_exercise(exercise_id)


@exercise_app.command("list")
def list_command(ctx: typer.Context, topic: str | None = typer.Option(None, "--topic"),
                 db: Path | None = DbOption,
                 as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """All exercises in course order with your progress."""
    from studykit.practice import statuses

    with _open(ctx, db) as deck:
        items = [s for s in statuses(deck) if not topic or s.exercise.topic == topic]
    if as_json:
        print_json([{"id": s.exercise.id, "topic": s.exercise.topic, "title": s.exercise.title,
                     "status": s.status} for s in items])
        return
    from studykit.cli.render import exercise_list

    exercise_list(items)


@exercise_app.command("show")
def show_command(ctx: typer.Context, exercise_id: str, db: Path | None = DbOption) -> None:
    """The task, its file, hints available and the cards that point to it."""
    from studykit.cli.render import exercise_page
    from studykit.deck.exercises import linked_cards
    from studykit.practice import workspace_file

    ex = _exercise(exercise_id)
    with _open(ctx, db) as deck:
        cards = linked_cards(deck.conn, ex.id)
    exercise_page(ex, workspace_file(ex), cards)


@exercise_app.command("start")
def start_command(exercise_id: str, force: bool = typer.Option(
        False, "--force", help="Overwrite your copy with the starter (a .bak is kept).")) -> None:
    """Copy the starter into your workspace and print its path."""
    from studykit.practice import start

    path, copied = start(_exercise(exercise_id), force=force)
    if not copied:
        typer.echo(f"already started (use --force to reset): {path}", err=True)
    typer.echo(str(path))


@exercise_app.command("check")
def check_command(ctx: typer.Context, exercise_id: str,
                  file: Path | None = typer.Option(None, "--file", help="Grade this file."),
                  db: Path | None = DbOption,
                  as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON.")
                  ) -> None:
    """Grade your file against the reference; exit 0 on pass."""
    from studykit.grading.client import Worker
    from studykit.practice import file_to_check, record

    ex = _exercise(exercise_id)
    path = file_to_check(ex, file)
    with Worker() as worker:
        verdict = worker.grade(ex, path)
    with _open(ctx, db) as deck:
        record(deck, verdict)
    if as_json:
        print_json({k: verdict[k] for k in ("id", "status", "tests", "device", "seconds",
                                            "sandbox")})
    else:
        from studykit.cli.render import verdict_panel

        verdict_panel(verdict, path)
    raise typer.Exit(0 if verdict["status"] == "pass" else 1)


@exercise_app.command("hint")
def hint_command(ctx: typer.Context, exercise_id: str, db: Path | None = DbOption) -> None:
    """Show the next hint (each call reveals one more)."""
    from studykit.practice import next_hint

    ex = _exercise(exercise_id)
    with _open(ctx, db) as deck:
        number, hint = next_hint(deck, ex)
    typer.echo(f"hint {number}/{len(ex.hints)}: {hint}")


@exercise_app.command("solution")
def solution_command(ctx: typer.Context, exercise_id: str, db: Path | None = DbOption,
                     force: bool = typer.Option(False, "--force", help="Show it before a pass.")
                     ) -> None:
    """Show the reference solution (after you pass, or with --force)."""
    from studykit.errors import ExerciseError
    from studykit.practice import has_passed

    ex = _exercise(exercise_id)
    with _open(ctx, db) as deck:
        passed = has_passed(deck, ex)
    if not passed and not force:
        raise ExerciseError(f"{ex.id} is not passed yet",
                            f"keep going (`studykit exercise hint {ex.id}`), or use --force")
    if not passed:
        typer.echo("warning: showing the solution before you passed", err=True)
    typer.echo(ex.solution.read_text("utf-8"))


@exercise_app.command("next")
def next_command(ctx: typer.Context, db: Path | None = DbOption) -> None:
    """Start the first exercise you have not passed, in course order."""
    from studykit.practice import next_unsolved, start

    with _open(ctx, db) as deck:
        ex = next_unsolved(deck)
    if ex is None:
        typer.echo("Every exercise is passed. Well done!")
        return
    path, _ = start(ex)
    typer.echo(f"{ex.id}: {ex.title}\nedit {path}\nthen: studykit exercise watch {ex.id}")


@exercise_app.command("reset")
def reset_command(exercise_id: str) -> None:
    """Put the starter back in your workspace (your copy is kept as .py.bak)."""
    from studykit.practice import start

    path, _ = start(_exercise(exercise_id), force=True)
    typer.echo(f"reset {path} (previous version: {path.with_suffix('.py.bak')})")


@exercise_app.command("path")
def path_command(exercise_id: str,
                 starter: bool = typer.Option(False, "--starter", help="The shipped starter."),
                 solution: bool = typer.Option(False, "--solution", help="The reference.")
                 ) -> None:
    """Print the path of the shipped starter or reference file."""
    from studykit.errors import StudykitError

    ex = _exercise(exercise_id)
    if starter == solution:
        raise StudykitError("say which file", "use --starter or --solution")
    typer.echo(str(ex.starter if starter else ex.solution))


@exercise_app.command("watch")
def watch_command(ctx: typer.Context, exercise_id: str | None = typer.Argument(None),
                  db: Path | None = DbOption,
                  poll: bool = typer.Option(False, "--poll", help="Poll instead of file events.")
                  ) -> None:
    """Re-check on every save. Keys: h hint, n next (after a pass), l list, r re-run, q quit."""
    from studykit.cli.watch_ui import WatchUI

    with _open(ctx, db) as deck:
        WatchUI(deck, exercise_id, poll=poll).run()
