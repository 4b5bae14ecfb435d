"""Export the whole deck as JSON (the shape documented in design.md: ``export json``)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from studykit.atomicfile import atomic_write
from studykit.export import ExportError


def deck_json(conn: sqlite3.Connection) -> str:
    from studykit.deck.queries import export_deck

    return json.dumps(export_deck(conn), ensure_ascii=False, indent=2)


def export_json(conn: sqlite3.Connection, out: Path | str) -> Path:
    """Write the deck's JSON to ``out`` atomically (the old file stays until the new one is
    complete); raises ExportError when it cannot be written."""
    out = Path(out)
    text = deck_json(conn)
    try:
        with atomic_write(out) as stream:
            stream.write(text + "\n")
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}",
                          "choose another -o path (a writable folder)") from None
    return out
