"""The command line: a thin typer layer over the core modules.

Nothing imported here may import torch, rich or sqlite at start-up: commands import
what they need inside their functions, so ``studykit --help`` stays as fast as typer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
import typer.main
from typer import _click as click
from typer.core import TyperGroup

from studykit import __version__
from studykit.errors import StudykitError

app = typer.Typer(
    name="studykit",
    help="Turn WeRead highlights into an FSRS flashcard deck tied to graded PyTorch exercises.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DB_HELP = "Deck file (default: $STUDYKIT_HOME/deck.db)."
DbPath = Annotated[Path | None, typer.Option("--db", help=DB_HELP)]  # every command's --db


def _version(value: bool) -> None:
    if value:
        typer.echo(f"studykit {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    db: DbPath = None,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    ctx.obj = {"db": db}


def deck_path(ctx: typer.Context, db: Path | None) -> Path:
    """The deck file: the command's --db, else the global --db, else the default."""
    from studykit.paths import default_db

    return db or (ctx.obj or {}).get("db") or default_db()


def main() -> None:
    from studykit.grading.landlock import not_dumpable

    not_dumpable()  # graded code cannot open this process's /proc/<pid>/fd or mem
    try:
        app()
    except StudykitError as exc:
        typer.echo(f"studykit: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("studykit: interrupted", err=True)
        sys.exit(130)


class _LazyGroup(TyperGroup):
    """A sub-command group whose commands are built only when it is used, so that
    ``studykit --help`` does not pay for them. Subclasses name the module and Typer."""

    module = ""
    attribute = ""
    _real: click.Group | None = None

    def _group(self) -> click.Group:
        if self._real is None:
            import importlib

            sub_app = getattr(importlib.import_module(self.module), self.attribute)
            self._real = typer.main.get_command(sub_app)
        return self._real

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._group().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._group().get_command(ctx, name)


def _add_lazy_group(name: str, help_text: str, module: str, attribute: str) -> None:
    group_class = type(f"_Lazy_{name}", (_LazyGroup,), {"module": module, "attribute": attribute})
    app.add_typer(typer.Typer(cls=group_class, no_args_is_help=True, rich_markup_mode=None),
                  name=name, help=help_text)


_add_lazy_group("exercise", "Graded PyTorch exercises (rustlings-style).",
                "studykit.cli.exercise_commands", "exercise_app")
_add_lazy_group("export", "Export the deck: json, anki, csv, markdown.",
                "studykit.cli.export_commands", "export_app")

from studykit.cli import (  # noqa: E402,F401 - registers the commands
    deck_commands,
    edit_commands,
    quiz_commands,
    review_commands,
    stats_commands,
)
