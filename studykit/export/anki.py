"""Export the deck as an Anki package (.apkg) with genanki.

Stable ids make a re-export update the notes already in Anki instead of adding copies:

* two note types with FIXED ids (change the id whenever their fields change);
* one subdeck per book, ``studykit::<title>``, its id derived from the book id;
* each note's guid derived from the card's stable id (``genanki.guid_for``).

Cloze cards become Cloze notes (``{{c1::answer}}`` in place of each blank); every other
kind becomes a Basic note (its expected answer, if any, above the passage on the back). Scheduling is not exported: genanki cannot carry review history.
Anki's importer updates a known note only when the package is newer ("update notes: if
newer", its default), so every export stamps the notes with the time it runs (``now``).
"""

from __future__ import annotations

import hashlib
import html
import sqlite3
from pathlib import Path

from studykit.cards.generate import BLANK
from studykit.export import Entry, ExportError, card_tags, select

CLOZE_MODEL_ID = 1_736_528_104
BASIC_MODEL_ID = 1_736_528_105
ROOT_DECK = "studykit"

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left;
  white-space: pre-wrap; color: black; background-color: white; }
.cloze { font-weight: bold; color: blue; }
.extra { font-size: 15px; color: #555; }"""
_EXTRA = '{{#Note}}<div class="extra">{{Note}}</div>{{/Note}}<div class="extra">{{Source}}</div>'
_CLOZE_TEMPLATE = {"name": "Cloze", "qfmt": "{{cloze:Text}}",
                   "afmt": "{{cloze:Text}}<hr>" + _EXTRA}
_BASIC_TEMPLATE = {"name": "Card 1", "qfmt": "{{Front}}",
                   "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<hr>" + _EXTRA}


def export_anki(conn: sqlite3.Connection, path: Path | str, book: str | None = None, *,
                now: float | None = None) -> dict:
    """Write the deck (or the books matching ``book``) to ``path``; returns counts:
    ``books`` (subdecks), ``notes``, ``cloze``, ``basic``, ``skipped_suspended``,
    ``skipped_removed``. ``now`` (epoch seconds) stamps the notes; default: the clock."""
    import genanki

    selection = select(conn, book)
    models = _models(genanki)
    decks: dict[str, genanki.Deck] = {}
    counts = {"cloze": 0, "basic": 0}
    for entry in selection.entries:
        deck = decks.get(entry.book["id"])
        if deck is None:
            deck = decks[entry.book["id"]] = genanki.Deck(
                deck_id(entry.book["id"]), deck_name(entry.book["title"]))
        kind, fields = note_fields(entry)
        deck.add_note(genanki.Note(model=models[kind], fields=fields, tags=card_tags(entry),
                                   guid=genanki.guid_for(entry.card["id"])))
        counts[kind] += 1
    _write(genanki.Package(list(decks.values())), Path(path), now)
    return {"books": len(decks), "notes": counts["cloze"] + counts["basic"], **counts,
            "skipped_suspended": selection.suspended, "skipped_removed": selection.removed}


def deck_id(book_id: str) -> int:
    """A fixed Anki deck id for a book (48 bits of a hash of its id)."""
    return int(hashlib.sha1(f"studykit-deck:{book_id}".encode()).hexdigest()[:12], 16)


def deck_name(title: str) -> str:
    """``studykit::<title>``; a ``::`` inside the title would nest decks, so it becomes ``:``."""
    return f"{ROOT_DECK}::{title.replace('::', ':').strip()}"


def note_fields(entry: Entry) -> tuple[str, list[str]]:
    """``("cloze", [Text, Note, Source])`` or ``("basic", [Front, Back, Note, Source])``;
    a Basic card with an expected answer shows it above the whole passage."""
    card = entry.card
    extra = [_html(_reader_note(entry)), _html(_source(entry))]
    text = cloze_text(card)
    if text is not None:
        return "cloze", [text, *extra]
    answer, back = card["answer"], card["back"]
    if answer and answer != back:
        back = f"{answer}\n\n{back}"
    return "basic", [_html(card["front"]), _html(back), *extra]


def cloze_text(card: dict) -> str | None:
    """The Cloze field for a cloze card (HTML), or None when the card is not a cloze
    card or its blanks cannot be placed (the card is then exported as a Basic note)."""
    answer = card["answer"]
    if card["kind"] != "cloze" or not answer:
        return None
    parts = _around_blanks(card["front"], answer, card["back"])
    if parts is None:
        return None
    hidden = _html(answer).replace("::", ":&#58;").replace("}}", "}&#125;")
    return f"{{{{c1::{hidden}}}}}".join(_html(part) for part in parts)


def _around_blanks(front: str, answer: str, back: str) -> list[str] | None:
    """The text around the blanks that hide ``answer``: every ``[...]`` when filling them
    all gives back the whole passage, else the one whose filling does, else None."""
    parts = front.split(BLANK)
    if len(parts) < 2:
        return None
    if answer.join(parts) == back:
        return parts
    for i in range(1, len(parts)):
        before, after = BLANK.join(parts[:i]), BLANK.join(parts[i:])
        if before + answer + after == back:
            return [before, after]
    return None


def _models(genanki) -> dict:
    cloze = genanki.Model(
        CLOZE_MODEL_ID, "studykit Cloze", model_type=genanki.Model.CLOZE,
        fields=[{"name": "Text"}, {"name": "Note"}, {"name": "Source"}],
        templates=[_CLOZE_TEMPLATE], css=_CSS)
    basic = genanki.Model(
        BASIC_MODEL_ID, "studykit Basic",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Note"}, {"name": "Source"}],
        templates=[_BASIC_TEMPLATE], css=_CSS)
    return {"cloze": cloze, "basic": basic}


def _reader_note(entry: Entry) -> str:
    """The reader's thought, unless the card already shows it on its front."""
    note = entry.highlight["note"] or ""
    return "" if note and note in entry.card["front"] else note


def _source(entry: Entry) -> str:
    chapter = entry.highlight["chapter"]
    return f"{entry.book['title']} · {chapter}" if chapter else entry.book["title"]


def _html(text: str) -> str:
    """Plain text as an Anki field: escaped, newlines as <br>, no accidental ``{{``."""
    return html.escape(text, quote=False).replace("{{", "{&#123;").replace("\n", "<br>")


def _write(package, path: Path, now: float | None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        package.write_to_file(str(path), timestamp=now)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}",
                          "choose another -o path (a writable folder)") from None
