"""Every command has help text and is shown in the README."""

from __future__ import annotations

import typer.main
from conftest import REPO

from studykit.cli import app


def all_commands():
    root = typer.main.get_command(app)
    for name in root.list_commands(None):
        command = root.get_command(None, name)
        if hasattr(command, "list_commands"):
            for sub in command.list_commands(None):
                yield f"{name} {sub}", command.get_command(None, sub)
        else:
            yield name, command


def test_every_command_has_help_and_a_readme_entry():
    readme = (REPO / "README.md").read_text("utf-8")
    names = []
    for name, command in all_commands():
        names.append(name)
        assert (command.help or "").strip(), name
        assert f"studykit {name}" in readme or f"`{name} " in readme or f"`{name}`" in readme \
            or f"{name.split()[0]} json|" in readme, name
    assert len(names) >= 25
