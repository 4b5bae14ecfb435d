"""`studykit import FILE.apkg|FILE.colpkg`: reviews done in Anki come back.

* A note that came from studykit (its guid is one ``studykit export anki`` gives, see
  studykit.export.anki) is matched to its studykit cards: a Cloze note's card N is the
  highlight's cloze sibling N, a Basic note's card is the card it was made from.
* Any other note becomes a highlight of a book named after its Anki deck, with a card per
  Anki card: a cloze card per ``cN`` of a Cloze note, a basic card per template otherwise.
* Every answer in the package's review log that studykit has not logged yet (same card,
  same second) is added, and the card's FSRS state is replayed through its history from
  the first new answer on, with studykit's scheduler. Importing the same package again
  adds nothing: no card, no answer twice.

One transaction for the whole package (all or nothing); a dry run rolls it back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from studykit import scheduler
from studykit.cards.generate import BLANK
from studykit.config import Config
from studykit.deck import Deck, from_db_time, to_db_time, utc_now
from studykit.deck import anki as sql
from studykit.errors import StudykitError
from studykit.scheduler import CardState, Settings
from studykit.sources.anki_package import (
    CLOZE,
    AnkiCard,
    AnkiNote,
    AnkiPackage,
    plain,
    read_package,
    template_fields,
)

ANSWER_KINDS = (0, 1, 2)  # learning, review, relearning: not filtered-deck previews, manual


class _DryRun(Exception):
    pass


@dataclass
class PackageResult:
    matched_notes: int = 0  # notes that came from studykit
    new_notes: int = 0  # other notes, new to the deck
    known_notes: int = 0  # other notes imported before
    new_cards: int = 0
    reviews: int = 0  # answers added to the review log
    cards_reviewed: int = 0  # cards whose state was replayed
    books: list[str] = field(default_factory=list)


def import_package(deck: Deck, path: Path, *, config: Config | None = None,
                   dry_run: bool = False, clock: Callable[[], datetime] = utc_now
                   ) -> PackageResult:
    package = read_package(path)
    result = PackageResult()
    settings = Settings.from_config(config or Config())
    now = to_db_time(clock())
    try:
        with deck.transaction() as conn:
            guids = studykit_guids(conn)
            links = _match(conn, package, guids, result)
            links |= _add_foreign_notes(conn, package, set(guids), str(path.resolve()), now,
                                        result)
            _bring_back_reviews(conn, package, links, settings, now, result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


# -- which studykit card each Anki card is ------------------------------------------------
def studykit_guids(conn) -> dict[str, tuple[str, str]]:
    """The guid of every note studykit would export: to ("cloze", highlight id) or
    ("card", card id)."""
    from studykit.export.anki import card_guid, cloze_guid

    highlights, card_ids = sql.guid_sources(conn)
    by_guid = {card_guid(c): ("card", c) for c in card_ids}
    return by_guid | {cloze_guid(h): ("cloze", h) for h in highlights}


def _match(conn, package: AnkiPackage, by_guid: dict[str, tuple[str, str]],
           result: PackageResult) -> dict[int, str]:
    """Anki card id -> studykit card id, for the notes that came from studykit."""
    notes = {n.id: by_guid[n.guid] for n in package.notes if n.guid in by_guid}
    result.matched_notes = len(notes)
    links = {}
    for card in package.cards:
        kind, source = notes.get(card.note, (None, None))
        if kind == "cloze":
            links[card.id] = f"{source}:cloze:{card.ord + 1}"
        elif kind == "card" and card.ord == 0:
            links[card.id] = source
    known = sql.existing_card_ids(conn, list(links.values()))
    result.books += sql.books_of_cards(conn, sorted(known))
    return {anki: card for anki, card in links.items() if card in known}


# -- notes made in Anki ---------------------------------------------------------------------
def _add_foreign_notes(conn, package: AnkiPackage, ours: set[str], source: str, now: str,
                       result: PackageResult) -> dict[int, str]:
    cards_of: dict[int, list[AnkiCard]] = {}
    for card in package.cards:
        cards_of.setdefault(card.note, []).append(card)
    links: dict[int, str] = {}
    for note in package.notes:
        notetype = package.notetypes.get(note.notetype)
        cards = sorted(cards_of.get(note.id, []), key=lambda c: c.ord)
        if note.guid in ours or notetype is None or not cards:
            continue
        specs = _card_specs(note, notetype, cards)
        if not specs:
            continue
        book = _book(conn, package.decks.get(cards[0].deck, "Anki"), now, result)
        highlight = f"anki-{hashlib.sha1(note.guid.encode()).hexdigest()[:16]}"
        text = specs[0][3]
        if sql.insert_highlight(conn, highlight, book, "", sql.next_position(conn, book),
                                text, source, now):
            result.new_notes += 1
        else:
            result.known_notes += 1
        for anki_id, kind, front, back, answer, ordinal in specs:
            card_id = f"{highlight}:{kind}:{ordinal}"
            result.new_cards += sql.insert_card(conn, card_id, highlight, book, kind, ordinal,
                                                front, back, answer, now)
            links[anki_id] = card_id
    return links


def _book(conn, deck_name: str, now: str, result: PackageResult) -> str:
    book_id = "anki-" + hashlib.sha1(deck_name.encode()).hexdigest()[:12]
    if not sql.books_by_id(conn, [book_id]):
        sql.insert_book(conn, book_id, deck_name, now)
    if book_id not in result.books:
        result.books.append(book_id)
    return book_id


def _card_specs(note: AnkiNote, notetype, cards: list[AnkiCard]) -> list[tuple]:
    """(anki card id, kind, front, back, answer, ordinal) for each Anki card of a note."""
    fields = dict(zip(notetype.fields, note.fields, strict=False))
    if notetype.cloze:
        question = notetype.templates[0][0] if notetype.templates else ""
        names = template_fields(question, notetype.fields) or list(notetype.fields[:1])
        text = fields.get(names[0], "")
        specs = []
        for card in cards:
            made = cloze_card(text, card.ord + 1)
            if made:
                specs.append((card.id, "cloze", *made, card.ord + 1))
        return specs
    specs = []
    for card in cards:
        if card.ord >= len(notetype.templates):
            continue
        question, answer = notetype.templates[card.ord]
        shown = template_fields(question, notetype.fields)
        told = [n for n in template_fields(answer, notetype.fields) if n not in shown]
        front = "\n".join(plain(fields.get(n, "")) for n in shown).strip()
        back = "\n".join(plain(fields.get(n, "")) for n in told).strip()
        if front and back:
            specs.append((card.id, "basic", front, back, None, card.ord + 1))
    return specs


def cloze_card(html_text: str, number: int) -> tuple[str, str, str] | None:
    """(front, back, answer) of cloze ``number`` of a Cloze field: its deletions blanked,
    the others shown; None when the field has no such deletion."""
    answers: list[str] = []

    def front_part(match) -> str:
        if int(match.group(1)) == number:
            answers.append(plain(match.group(2)))
            return BLANK
        return match.group(2)

    front = plain(CLOZE.sub(front_part, html_text))
    if not answers:
        return None
    back = plain(CLOZE.sub(lambda m: m.group(2), html_text))
    return front, back, " … ".join(dict.fromkeys(answers))


# -- answers given in Anki ---------------------------------------------------------------------
def _bring_back_reviews(conn, package: AnkiPackage, links: dict[int, str], settings: Settings,
                        now: str, result: PackageResult) -> None:
    answers: dict[str, list] = {}
    for review in package.reviews:
        card_id = links.get(review.card)
        if card_id and 1 <= review.ease <= 4 and review.kind in ANSWER_KINDS:
            answers.setdefault(card_id, []).append(review)
    if not answers:
        return
    logs: dict[str, list] = {}
    for row in sql.review_logs(conn, list(answers)):
        logs.setdefault(row["card_id"], []).append(row)
    for card_id, reviews in answers.items():
        added = _replay(conn, card_id, logs.get(card_id, []), reviews, settings, now)
        result.reviews += added
        result.cards_reviewed += added > 0


def _replay(conn, card_id: str, logged: list, reviews: list, settings: Settings,
            now: str) -> int:
    """Add the answers studykit has not logged and replay the card's state from the
    first of them on; returns how many were added."""
    seen = {row["reviewed_at"] for row in logged}
    fresh = []
    for review in reviews:
        at = to_db_time(datetime.fromtimestamp(review.id / 1000, timezone.utc))
        if at not in seen:
            seen.add(at)
            fresh.append((None, review.ease, at, min(review.time_ms, 3_600_000), "anki"))
    if not fresh:
        return 0
    history = sorted([(r["id"], r["rating"], r["reviewed_at"], r["duration_ms"], r["source"])
                      for r in logged] + fresh, key=lambda e: (e[2], e[0] is None, e[0] or 0))
    first_new = min(i for i, e in enumerate(history) if e[0] is None)
    state = (CardState.from_dict(json.loads(logged_state(logged, history[first_new - 1][0])))
             if first_new else CardState())
    entries = []
    for log_id, rating, at, duration, source in history[first_new:]:
        after = scheduler.review(card_id, state, rating, from_db_time(at), settings)
        entries.append((log_id, rating, at, duration, state, after, source))
        state = after
    sql.replace_history(conn, card_id, state, entries, now)
    return len(fresh)


def logged_state(logged: list, log_id: int) -> str:
    """The state after the logged answer ``log_id`` (JSON)."""
    for row in logged:
        if row["id"] == log_id:
            return row["state_after"]
    raise StudykitError(f"review log row {log_id} vanished during an import")  # pragma: no cover
