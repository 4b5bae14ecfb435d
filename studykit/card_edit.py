"""Editing and deleting cards by hand (``studykit edit``, ``studykit delete``, ``E`` in review).

An edit writes the card's form (see :mod:`studykit.card_form`) to a file under
``$STUDYKIT_HOME/edits/``, opens it in the reader's editor and saves what comes back: the
card's text changes, its schedule and review log stay, and later imports leave it alone.
A form that cannot be read is refused and the card is untouched; the file stays, and the
next ``edit`` of that card opens it again, so nothing typed is lost.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from studykit import card_form
from studykit.atomicfile import atomic_write
from studykit.card_form import CardFields, FormCard, FormError
from studykit.deck import Deck, to_db_time, utc_now
from studykit.deck import card_edits as sql
from studykit.errors import NotFound, StudykitError
from studykit.paths import home

FALLBACK_EDITORS = ("editor", "nano", "vi")
FIND_IDS = "find ids with `studykit cards --query TEXT`"

Editor = Callable[[Path], int]  # opens a file, returns the exit status


class EditError(StudykitError):
    """An edit that was not saved (the card is unchanged); the remedy says where the
    form is kept."""


@dataclass(frozen=True)
class EditResult:
    card_id: str
    status: str  # "saved", "unchanged" or "cancelled"
    fields: CardFields
    resumed: bool = False  # the form of an earlier refused edit was opened again


def forms_dir() -> Path:
    return home() / "edits"


def form_path(card_id: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in card_id)
    return forms_dir() / f"{safe}.txt"


def edit_card(deck: Deck, card_id: str, editor: Editor | None = None) -> EditResult:
    """Open the card's form in ``editor`` (default: the reader's editor) and save it."""
    row = _editable(deck, card_id)
    card = FormCard(row["id"], row["kind"], row["book"], row["chapter"],
                    CardFields(row["front"], row["back"], row["answer"]))
    path = form_path(card_id)
    resumed = path.is_file()
    fresh = card_form.render(card)
    if not resumed:
        with atomic_write(path) as out:
            out.write(fresh)
    status = (editor or open_in_editor)(path)
    if status != 0:
        raise EditError(f"the editor exited with status {status}; card {card_id} is unchanged",
                        f"your form is kept at {path}; `studykit edit {card_id}` opens it again")
    text = _read_form(path)
    try:
        fields = card_form.parse(text, card.kind)
    except FormError as exc:
        raise EditError(f"card {card_id} is unchanged: {exc.message}",
                        f"your edit is kept at {path}; `studykit edit {card_id}` opens it "
                        "again to fix it") from None
    result = _save(deck, card, fields, text == fresh, resumed)
    path.unlink(missing_ok=True)
    return result


def delete_cards(deck: Deck, card_ids: Sequence[str]) -> int:
    """Retire cards (kept with their log, never shown again); returns how many were not
    deleted already. Raises NotFound, touching nothing, when an id is unknown."""
    from studykit.deck.review import existing_ids

    ids = list(dict.fromkeys(card_ids))
    missing = [i for i in ids if i not in existing_ids(deck.conn, ids)]
    if missing:
        raise NotFound(f"no card with id {', '.join(missing)}", FIND_IDS)
    with deck.transaction() as conn:
        return sql.delete_cards(conn, ids, to_db_time(utc_now()))


def open_in_editor(path: Path) -> int:
    """Run $VISUAL, else $EDITOR, else the first of editor/nano/vi found, on ``path``."""
    command = _editor_command()
    try:
        return subprocess.run([*command, str(path)], check=False).returncode
    except OSError as exc:
        raise EditError(f"cannot start the editor {command[0]!r} ({exc.strerror})",
                        "set EDITOR to an editor on your PATH, e.g. export EDITOR=nano") from None


def _editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value)
    for name in FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    raise EditError("no editor found (VISUAL and EDITOR are unset; no editor, nano or vi)",
                    "set EDITOR, e.g. export EDITOR=nano")


def _editable(deck: Deck, card_id: str):
    row = sql.card_for_edit(deck.conn, card_id)
    if row is None:
        raise NotFound(f"no card with id {card_id}", FIND_IDS)
    if row["deleted"]:
        raise EditError(f"card {card_id} is deleted", "list deleted cards with "
                        "`studykit cards --is deleted`; edit another card")
    return row


def _read_form(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EditError(f"the form {path} is gone (the editor removed it)",
                        "run `studykit edit` again") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EditError(f"cannot read the form {path} ({exc})",
                        "save it as UTF-8 text and run `studykit edit` again") from None


def _save(deck: Deck, card: FormCard, fields: CardFields | None, untouched: bool,
          resumed: bool) -> EditResult:
    if fields is None:
        return EditResult(card.id, "cancelled", card.fields, resumed)
    if untouched or fields == card.fields:
        return EditResult(card.id, "unchanged", card.fields, resumed)
    with deck.transaction() as conn:
        sql.save_edit(conn, card.id, fields.front, fields.back, fields.answer,
                      to_db_time(utc_now()))
    return EditResult(card.id, "saved", fields, resumed)
