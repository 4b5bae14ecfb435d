"""From a card to its exercise in one motion: the task, the learner's copy, their editor.

Used by the `e` key of `studykit review`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from rich.console import Console

from studykit.cli.exercise_render import task_view
from studykit.cli.keys import KeyReader
from studykit.errors import StudykitError

OPEN_KEY = "o"


def editor_command() -> list[str] | None:
    """$VISUAL, else $EDITOR, split like a shell would; None when neither is set."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                continue
    return None


def open_in_editor(path: Path, editor: list[str]) -> str | None:
    """Run the editor on ``path`` in this terminal and wait; a problem in words, or None."""
    try:
        code = subprocess.run([*editor, str(path)], check=False).returncode
    except OSError as exc:
        return f"could not start {editor[0]}: {exc.strerror or exc}"
    return f"{editor[0]} exited with status {code}" if code else None


def show_linked_exercise(exercise_id: str | None, console: Console, keys: KeyReader) -> None:
    """Show the exercise's task; on `o`, create the learner's copy (when missing) and open
    it in their editor. Any other key goes back to the card."""
    from studykit.exercises.catalog import get_exercise
    from studykit.exercises.workspace import start, workspace_file

    if not exercise_id:
        console.print("[dim]no exercise is linked to this card yet[/]")
        return
    try:
        exercise = get_exercise(exercise_id)
    except StudykitError as exc:
        console.print(f"[red]{exc}[/]")
        return
    console.print(task_view(exercise))
    path, editor = workspace_file(exercise), editor_command()
    verb = "open" if path.exists() else "create"
    where = f"and open it in {Path(editor[0]).name}" if editor else "(set $EDITOR to open it too)"
    console.print(f"{OPEN_KEY}: {verb} your copy {where} · any other key: back to the card")
    if keys.key() != OPEN_KEY:
        return
    try:
        path, copied = start(exercise)
    except StudykitError as exc:
        console.print(f"[red]{exc}[/]")
        return
    console.print(f"{'created' if copied else 'your copy:'} {path}", soft_wrap=True)
    if editor:
        problem = open_in_editor(path, editor)
        if problem:
            console.print(f"[yellow]{problem}[/]")
    console.print(f"[dim]back to the card · grade your copy with `studykit exercise check "
                  f"{exercise.id}` (or `watch`)[/]")
