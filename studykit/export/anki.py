"""Export the deck as an Anki package (.apkg): notes, their schedule and the review log.

Stable ids make a re-export update the notes already in Anki instead of adding copies:

* two note types with FIXED ids (change the id whenever their fields change);
* one subdeck per book, ``studykit::<title>``, its id derived from the book id;
* each note's guid derived from a studykit id (:func:`cloze_guid`, :func:`card_guid`), which
  is also how ``studykit import FILE.apkg`` finds the studykit card behind an Anki card.

The cloze siblings of a highlight become ONE Cloze note, ``{{cN::answer}}`` for the blank
of sibling N (Anki's card N); a sibling whose blank overlaps another's, and every other
kind, is a note of its own (a Basic note shows the expected answer above the passage).

Scheduling (see export/anki_schedule.py): each card carries its state, due date, interval
and FSRS memory state, and the package carries the review log, so Anki's importer with
"import any learning progress" keeps the learner's progress. Anki's importer updates a known
note only when the package is newer (its default), so every export stamps the notes with
the time it runs (``now``); it never changes the schedule of a card it already has.

The package is written beside the target and renamed into place (studykit.atomicfile):
genanki's own writer would leave a temporary copy of the collection in TMPDIR.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from studykit.atomicfile import atomic_path
from studykit.cards.generate import BLANK
from studykit.config import Config
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


@dataclass
class PackageNote:
    """One Anki note: its kind (``cloze`` or ``basic``), fields, and the studykit card of
    each of its Anki cards (``cards[ord]``)."""

    guid: str
    kind: str
    fields: list[str]
    entry: Entry  # the first card's: book, highlight, tags
    cards: dict[int, str] = field(default_factory=dict)


def cloze_guid(highlight_id: str) -> str:
    """The guid of a highlight's Cloze note (no card id ends in ``:cloze``, so it never
    equals the guid of a sibling exported as a note of its own)."""
    return card_guid(f"{highlight_id}:cloze")


def card_guid(card_id: str) -> str:
    import genanki

    return genanki.guid_for(card_id)


def export_anki(conn: sqlite3.Connection, path: Path | str, book: str | None = None, *,
                now: float | None = None, config: Config | None = None) -> dict:
    """Write the deck (or the books matching ``book``) to ``path``; returns counts:
    ``books`` (subdecks), ``notes``, ``cloze``, ``basic`` (notes), ``cards``, ``reviews``
    (log rows), ``skipped_suspended``, ``skipped_removed``. ``now`` (epoch seconds) stamps
    the notes and dates the schedule; default: the clock."""
    import genanki

    from studykit.export.anki_schedule import write_schedule

    now = time.time() if now is None else now
    selection = select(conn, book)
    notes = package_notes(selection.entries)
    models = _models(genanki)
    decks: dict[str, genanki.Deck] = {}
    for note in notes:
        book_row = note.entry.book
        deck = decks.get(book_row["id"])
        if deck is None:
            deck = decks[book_row["id"]] = genanki.Deck(deck_id(book_row["id"]),
                                                         deck_name(book_row["title"]))
        deck.add_note(genanki.Note(model=models[note.kind], fields=note.fields,
                                   tags=card_tags(note.entry), guid=note.guid))
    package = genanki.Package(list(decks.values()))
    reviews = _write(package, Path(path), now,
                     lambda db: write_schedule(db, conn, notes, now, config or Config()))
    return {"books": len(decks), "notes": len(notes),
            "cloze": sum(n.kind == "cloze" for n in notes),
            "basic": sum(n.kind == "basic" for n in notes),
            "cards": sum(len(n.cards) for n in notes), "reviews": reviews,
            "skipped_suspended": selection.suspended, "skipped_removed": selection.removed}


def package_notes(entries: list[Entry]) -> list[PackageNote]:
    """The notes of the exported cards, in deck order: one Cloze note per highlight for
    the cloze siblings that fit together, one note for each other card."""
    by_highlight: dict[str, list[Entry]] = {}
    for entry in entries:
        by_highlight.setdefault(entry.highlight["id"], []).append(entry)
    notes: list[PackageNote] = []
    for group in by_highlight.values():
        clozes = [e for e in group if e.card["kind"] == "cloze"]
        merged, alone = merge_clozes(clozes)
        if merged:
            notes.append(merged)
        notes += [single_note(e) for e in group if e not in clozes or e in alone]
    return notes


def merge_clozes(entries: list[Entry]) -> tuple[PackageNote | None, list[Entry]]:
    """One Cloze note for the siblings whose blanks can be placed in the passage without
    overlapping (sibling with ordinal N is ``cN``); returns it and the siblings left out."""
    if not entries:
        return None, []
    back = entries[0].card["back"]
    spans: list[tuple[int, int, int]] = []  # start, end, ordinal
    alone = []
    for entry in entries:
        found = _blank_spans(entry.card) if entry.card["back"] == back else None
        ordinal = _ordinal(entry.card["id"])
        taken = [(s, e) for s, e, *_ in spans]
        if not found or ordinal is None or any(_overlap(f, t) for f in found for t in taken):
            alone.append(entry)
            continue
        spans += [(s, e, ordinal) for s, e in found]
    if not spans:
        return None, alone
    first = next(e for e in entries if e not in alone)
    note = PackageNote(cloze_guid(first.highlight["id"]), "cloze",
                       [_cloze_field(back, sorted(spans)), *_extra_fields(first)], first)
    note.cards = {_ordinal(e.card["id"]) - 1: e.card["id"] for e in entries if e not in alone}
    return note, alone


def single_note(entry: Entry) -> PackageNote:
    """A note for one card: Cloze (``c1``) when its blanks can be placed, else Basic."""
    card = entry.card
    extra = _extra_fields(entry)
    spans = _blank_spans(card) if card["kind"] == "cloze" else None
    if spans:
        text = _cloze_field(card["back"], [(s, e, 1) for s, e in spans])
        note = PackageNote(card_guid(card["id"]), "cloze", [text, *extra], entry)
    else:
        answer, back = card["answer"], card["back"]
        if answer and answer != back:
            back = f"{answer}\n\n{back}"
        note = PackageNote(card_guid(card["id"]), "basic",
                           [_html(card["front"]), _html(back), *extra], entry)
    note.cards = {0: card["id"]}
    return note


def _blank_spans(card: dict) -> list[tuple[int, int]] | None:
    """Where in the passage (``back``) the card's blanks hide its answer: every ``[...]``
    when filling them all gives back the passage, else the one whose filling does."""
    answer, front, back = card["answer"], card["front"], card["back"]
    parts = front.split(BLANK)
    if not answer or len(parts) < 2:
        return None
    if answer.join(parts) == back:
        starts = itertools.accumulate(len(p) + len(answer) for p in parts[:-1])
        return [(start - len(answer), start) for start in starts]
    for i in range(1, len(parts)):
        before, after = BLANK.join(parts[:i]), BLANK.join(parts[i:])
        if before + answer + after == back:
            return [(len(before), len(before) + len(answer))]
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ordinal(card_id: str) -> int | None:
    tail = card_id.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() and int(tail) >= 1 else None


def _cloze_field(back: str, spans: list[tuple[int, int, int]]) -> str:
    """The passage as HTML with ``{{cN::…}}`` around each span."""
    out, last = [], 0
    for start, end, ordinal in spans:
        hidden = _html(back[start:end]).replace("::", ":&#58;").replace("}}", "}&#125;")
        out += [_html(back[last:start]), f"{{{{c{ordinal}::{hidden}}}}}"]
        last = end
    return "".join(out) + _html(back[last:])


def cloze_text(card: dict) -> str | None:
    """The Cloze field of one cloze card on its own (HTML), or None when the card is not
    a cloze card or its blanks cannot be placed."""
    spans = _blank_spans(card) if card["kind"] == "cloze" else None
    if not spans:
        return None
    return _cloze_field(card["back"], [(s, e, 1) for s, e in spans])


def deck_id(book_id: str) -> int:
    """A fixed Anki deck id for a book (48 bits of a hash of its id)."""
    return int(hashlib.sha1(f"studykit-deck:{book_id}".encode()).hexdigest()[:12], 16)


def deck_name(title: str) -> str:
    """``studykit::<title>``; a ``::`` inside the title would nest decks, so it becomes ``:``."""
    return f"{ROOT_DECK}::{title.replace('::', ':').strip()}"


def _extra_fields(entry: Entry) -> list[str]:
    return [_html(_reader_note(entry)), _html(_source(entry))]


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


def _write(package, path: Path, now: float, schedule) -> int:
    """The collection is built in a file beside ``path`` (removed afterwards, whatever
    happens), scheduled by ``schedule(db)``, zipped, and the zip renamed onto ``path``;
    returns what ``schedule`` returns."""
    try:
        with atomic_path(path) as zipped:
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".anki2",
                                        dir=path.parent)
            os.close(fd)
            try:
                result = _build_collection(package, Path(name), now, schedule)
                with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as out:
                    out.write(name, "collection.anki2")
                    out.writestr("media", "{}")
            finally:
                Path(name).unlink(missing_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}",
                          "choose another -o path (a writable folder)") from None
    return result


def _build_collection(package, db_path: Path, now: float, schedule) -> int:
    db = sqlite3.connect(db_path)
    try:
        package.write_to_db(db.cursor(), now, itertools.count(int(now * 1000)))
        result = schedule(db)
        db.commit()
    finally:
        db.close()
    return result
