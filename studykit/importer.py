"""Import notes files into the deck, again and again, without losing history.

Each file is one transaction: it imports whole or not at all, and a failing file
never stops the others. An unchanged file (same SHA-256 as last time) is skipped.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from studykit.cards import CardSpec
from studykit.cards.generate import generate_cards
from studykit.cards.junk import is_junk
from studykit.deck import Deck, fts, to_db_time, utc_now
from studykit.deck import imports as sql
from studykit.errors import SourceError, StudykitError
from studykit.exercises.links import LinkIndex, get_index
from studykit.forkmap import WorkerDied, can_fork, fork_map
from studykit.import_cards import write_cards
from studykit.notefiles import collect_files, read_notes_file, shown
from studykit.sources import Book, Highlight, parse_text
from studykit.sources.anki_package import is_package
from studykit.sources.normalize import decode

PARALLEL_FROM = 16  # files; fewer are prepared in this process
PARALLEL_WORKERS = 4
# New cards reach the search index (deck.fts) in batches, one statement each, while the
# workers still prepare the next files, so little is left to index once the last file is
# written (all of it at the end kept a core idle ~1 s after 110,000 new cards; batches of
# this size cost ~10% more indexing in all).
INDEX_EVERY = 10_000  # new cards
SIMILAR_ENOUGH = 0.6  # an edited highlight without a block id keeps its old id above this
CONTAINED = 0.9  # ... or when this share of the shorter text is in the longer one
CONTAINED_FROM = 8  # characters: a shorter text is too generic to count as contained
_NO_LINK = (None, None)  # exercise id and score when no catalog could be loaded


@dataclass
class FileResult:
    path: str
    status: str = "unchanged"  # imported | unchanged | error
    books: list[str] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    cards_new: int = 0
    cards_updated: int = 0
    cards_suspended: int = 0
    reviews: int = 0  # answers given in Anki, brought back from a package
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def failed(self) -> bool:
        return any(f.status == "error" for f in self.files)

    def to_json(self) -> dict:
        return {
            "files": len(self.files),
            "books": len({b for f in self.files for b in f.books}),
            "highlights": {k: self.total(k) for k in ("new", "updated", "unchanged", "removed")},
            "cards": {"new": self.total("cards_new"), "updated": self.total("cards_updated"),
                      "suspended": self.total("cards_suspended")},
            "skipped": self.total("skipped"),
            "reviews": self.total("reviews"),
            "errors": [{"file": f.path, "error": f.error} for f in self.files if f.error],
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


@dataclass
class PreparedBook:
    """One book of a prepared file, as rows ready to write (see deck.imports): ``book``
    keeps its metadata and notes (its highlights are in ``highlights``), ``cards[i]`` are
    the card rows of highlight ``i`` (none for junk), ``anchored[i]`` whether its id is a
    WeRead block id (one without keeps an edited passage's id by resemblance).

    ``kept`` holds, by position, the highlights the deck already had unchanged from this
    file: no cards were made for them (their cards stay as they are). Should the deck have
    changed under one by the time the file is written, its cards are made then."""

    book: Book
    highlights: list[tuple]
    cards: list[list[tuple]]
    anchored: list[bool]
    kept: dict[int, Highlight] = field(default_factory=dict)


@dataclass
class Prepared:
    """A file read and hashed, and unless unchanged or unreadable, parsed and turned into
    rows: pure work, no database, done in worker processes when there are many files (rows
    pickle far faster than objects)."""

    path: Path
    key: str
    digest: str = ""
    books: list[PreparedBook] = field(default_factory=list)
    unchanged: bool = False
    error: str | None = None


@dataclass
class Job:
    """A new or changed file to prepare, read and hashed already; ``current`` maps the ids
    of the highlights the deck holds from it (not removed) to their content hash and junk
    flag."""

    path: Path
    key: str
    data: bytes
    digest: str
    current: dict[str, tuple[str, int]]
    now: str


def prepared_files(deck: Deck, files: list[Path]) -> Iterator[Prepared]:
    """Each file prepared, in order. Reading and hashing happen here (an unchanged file is
    done with that); the rest in worker processes when there are many files and cores."""
    known = sql.source_digests(deck.conn)
    now = to_db_time(utc_now())
    triaged = [_triage(deck, path, known, now) for path in files]
    prepared = _prepare_all([t for t in triaged if isinstance(t, Job)])
    for item in triaged:
        yield next(prepared) if isinstance(item, Job) else item


def _triage(deck: Deck, path: Path, known: dict[str, str], now: str) -> Prepared | Job:
    try:
        data, key = read_notes_file(path)
    except SourceError as exc:
        return Prepared(path, shown(path), error=str(exc))
    digest = hashlib.sha256(data).hexdigest()
    if digest == known.get(key):
        return Prepared(path, key, digest, unchanged=True)
    current = sql.source_highlights(deck.conn, key) if key in known else {}
    return Job(path, key, data, digest, current, now)


def _prepare_all(jobs: list[Job]) -> Iterator[Prepared]:
    workers = min(PARALLEL_WORKERS, os.cpu_count() or 1)
    if len(jobs) < PARALLEL_FROM or workers < 2 or not can_fork():
        yield from map(prepare, jobs)
        return
    get_index()  # build it once here, for the forked workers
    try:
        yield from fork_map(prepare, jobs, workers)
    except WorkerDied as exc:
        raise StudykitError(f"the import stopped: {exc}",
                            "run the import again (the files written so far are kept; "
                            "if it happens again, free some memory)") from exc


def prepare(job: Job) -> Prepared:
    prepared = Prepared(job.path, job.key, job.digest)
    try:
        books = parse_text(decode(job.data, shown(job.path)), shown(job.path.name))
    except StudykitError as exc:
        prepared.error = str(exc)
        return prepared
    index = get_index()
    prepared.books = [_prepare_book(book, job, index) for book in books]
    return prepared


def _prepare_book(book: Book, job: Job, index: LinkIndex | None) -> PreparedBook:
    # in phases (all cards, then all links, then all rows) rather than highlight by
    # highlight: each phase's code and tables stay in the CPU's caches (~30% faster).
    # A highlight without cards (an image, a fragment, a lone heading) is junk.
    hs = book.highlights
    hashes = [_content_hash(h) for h in hs]
    kept = {i: h for i, (h, digest) in enumerate(zip(hs, hashes, strict=True))
            if job.current.get(h.id, ("",))[0] == digest}
    specs_of = [() if i in kept else _specs(h) for i, h in enumerate(hs)]
    links = [_link(index, h, specs) for h, specs in zip(hs, specs_of, strict=True)]
    rows, cards, paths = [], [], {}
    for position, (h, specs, link) in enumerate(zip(hs, specs_of, links, strict=True)):
        path = paths.get(h.chapter_path)
        if path is None:
            path = paths[h.chapter_path] = json.dumps(h.chapter_path, ensure_ascii=False)
        junk = job.current[h.id][1] if position in kept else not specs
        rows.append(sql.highlight_row(book.id, h, position, job.key, hashes[position], junk,
                                      job.now, path))
        cards.append(_card_rows(h, book.id, specs, link, job.now))
    book.highlights = []
    return PreparedBook(book, rows, cards, [h.block_id is not None for h in hs], kept)


def _card_rows(h: Highlight, book_id: str, specs, link, now: str) -> list[tuple]:
    return [sql.card_row(h.id, book_id, spec.kind, spec.ordinal, spec.front, spec.back,
                         spec.answer, link, now) for spec in specs]


def _specs(h: Highlight) -> list[CardSpec] | tuple[()]:
    if is_junk(h.text, h.kind):
        return ()
    return generate_cards(h.text, kind=h.kind, note=h.note, chapter=h.chapter, front=h.front)


def _link(index: LinkIndex | None, h: Highlight, specs) -> tuple:
    return index.link(h.text, h.chapter) if index and specs else _NO_LINK


def _cards_made_late(h: Highlight, book_id: str, now: str) -> list[tuple]:
    """The card rows of a kept highlight the deck no longer holds unchanged."""
    specs = _specs(h)
    return _card_rows(h, book_id, specs, _link(get_index(), h, specs), now)


def import_paths(deck: Deck, paths: Iterable[Path], *, dry_run: bool = False,
                 on_file: Callable[[FileResult], None] | None = None) -> ImportReport:
    report = ImportReport()
    files = collect_files(paths)
    notes = [f for f in files if not is_package(f)]
    results = chain((write_prepared(deck, prepared, dry_run=dry_run)
                     for prepared in prepared_files(deck, notes)),
                    (_import_package(deck, f, dry_run) for f in files if is_package(f)))
    unindexed = 0
    for result in results:
        report.files.append(result)
        if on_file:
            on_file(result)
        unindexed += result.cards_new
        if unindexed >= INDEX_EVERY and not dry_run:
            fts.catch_up(deck)
            unindexed = 0
    if not dry_run:
        fts.catch_up(deck)
    return report


def _import_package(deck: Deck, path: Path, dry_run: bool) -> FileResult:
    """An Anki package (see studykit.anki_import): reviews done in Anki come back."""
    from studykit.anki_import import import_package
    from studykit.config import load_config

    result = FileResult(str(path))
    try:
        done = import_package(deck, path, config=load_config(), dry_run=dry_run)
    except StudykitError as exc:
        result.status, result.error = "error", str(exc)
        return result
    result.status = "imported" if done.reviews or done.new_notes else "unchanged"
    result.books, result.new, result.cards_new = done.books, done.new_notes, done.new_cards
    result.unchanged, result.reviews = done.matched_notes + done.known_notes, done.reviews
    return result


def import_file(deck: Deck, path: Path, *, dry_run: bool = False) -> FileResult:
    return write_prepared(deck, next(prepared_files(deck, [path])), dry_run=dry_run)


def write_prepared(deck: Deck, prepared: Prepared, *, dry_run: bool = False) -> FileResult:
    """Write one prepared file in one transaction (all or nothing)."""
    result = FileResult(shown(prepared.path))
    if prepared.unchanged:
        known = sql.source_row(deck.conn, prepared.key)
        result.unchanged = known["highlights"]
        result.books = json.loads(known["books"])
        return result
    if prepared.error:
        result.status, result.error = "error", prepared.error
        return result
    try:
        with deck.transaction() as conn:
            for book in prepared.books:
                _import_book(conn, book, prepared.key, result)
            sql.record_source(conn, prepared.key, prepared.digest,
                              prepared.books[0].book.source_format,
                              [b.book.id for b in prepared.books],
                              sum(len(b.highlights) for b in prepared.books),
                              to_db_time(utc_now()))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except StudykitError as exc:
        return FileResult(shown(prepared.path), status="error", error=str(exc))
    except sqlite3.IntegrityError:  # rolled back; ids are unique, so another book has them
        conflict = _another_books_highlights(deck, prepared)
        if conflict is None:
            raise  # an integrity error of another kind is a bug: let it show
        return FileResult(shown(prepared.path), status="error", error=str(conflict))
    result.status = "imported"
    return result


def _another_books_highlights(deck: Deck, prepared: Prepared) -> SourceError | None:
    """Highlight ids (WeRead block ids embed the bookId) that the deck holds under another
    book: the same export read as a different book, e.g. after its bookId line was lost."""
    for book in prepared.books:
        found = sql.held_by_another_book(
            deck.conn, [row[sql.H_ID] for row in book.highlights], book.book.id)
        if found:
            reads_as = (f"gives bookId {book.book.weread_id}" if book.book.weread_id
                        else "has no bookId")
            return SourceError(
                f"{prepared.path}: highlight {found[0]} is already in the deck, in the book "
                f"«{found[1]}», but this file {reads_as}, so it reads as another book",
                "keep the file's bookId as in the export you imported before")
    return None


def _import_book(conn, prepared: PreparedBook, source: str, result: FileResult) -> None:
    book = prepared.book
    now = to_db_time(utc_now())
    sql.upsert_book(conn, book, now)
    result.books.append(book.id)
    result.warnings += book.warnings
    result.skipped += sum(row[sql.H_JUNK] for row in prepared.highlights)
    old = sql.existing_highlights(conn, book.id)
    if old or prepared.kept:
        _merge_book(conn, prepared, old, source, result, now)
    else:  # a book new to the deck: every row goes in as it is
        sql.insert_highlights(conn, prepared.highlights)
        sql.insert_cards(conn, chain.from_iterable(prepared.cards))
        result.new += len(prepared.highlights)
        result.cards_new += sum(map(len, prepared.cards))
    sql.upsert_notes(conn, book, book.notes, source, now)


def _merge_book(conn, prepared: PreparedBook, old: dict, source: str, result: FileResult,
                now: str) -> None:
    """A book already in the deck: insert what is new, update what changed, flag what
    vanished from this file; unchanged highlights and their cards are left alone."""
    rows, cards = _keep_ids_of_edited(prepared, old, source)
    inserts, updates, restored, changed = [], [], [], []
    for position, (row, card_rows) in enumerate(zip(rows, cards, strict=True)):
        previous = old.get(row[sql.H_ID])
        if (previous is not None and previous["content_hash"] == row[sql.H_HASH]
                and not previous["removed"]):
            result.unchanged += 1
            continue
        if position in prepared.kept:  # another file of this import changed it meanwhile
            card_rows = _cards_made_late(prepared.kept[position], prepared.book.id, now)
            row = sql.with_junk(row, not card_rows)
        if previous is None:
            inserts.append(row)
            result.new += 1
        else:
            updates.append(row)
            result.updated += 1
            if previous["removed"]:
                restored.append(row[sql.H_ID])
        changed.append((row[sql.H_ID], card_rows))
    sql.insert_highlights(conn, inserts)
    sql.update_highlights(conn, updates)
    sql.restore_cards(conn, restored, now)
    present = {row[sql.H_ID] for row in rows}
    gone = [i for i, r in old.items()
            if i not in present and not r["removed"] and r["source_file"] == source]
    result.removed += len(gone)
    result.cards_suspended += sql.mark_removed(conn, gone, now)
    write_cards(conn, changed, result, now)


def _content_hash(h: Highlight) -> str:
    parts = (h.text, h.note or "", h.chapter, h.kind, h.created_at or "")
    raw = "\x1f".join(parts if h.front is None else (*parts, h.front))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _keep_ids_of_edited(prepared: PreparedBook, old: dict,
                        source: str) -> tuple[list[tuple], list[list[tuple]]]:
    """The highlight and card rows, where a highlight without a block id whose text was
    edited keeps its old id (and so its cards' history) when it closely resembles a
    vanished one in the same chapter."""
    rows, cards = list(prepared.highlights), list(prepared.cards)
    present = {row[sql.H_ID] for row in rows}
    vanished = [r for i, r in old.items() if i not in present and r["source_file"] == source]
    if not vanished:
        return rows, cards
    for position, row in enumerate(rows):
        if prepared.anchored[position] or row[sql.H_ID] in old:
            continue
        front = cards[position][0][sql.C_FRONT] if row[sql.H_KIND] == "card" and cards[
            position] else None
        best, score = _most_similar(row[sql.H_CHAPTER], _compared(row[sql.H_TEXT], front),
                                    vanished)
        if best is not None and score >= SIMILAR_ENOUGH:
            rows[position] = sql.renamed_highlight(row, best["id"])
            cards[position] = [sql.renamed_card(c, best["id"]) for c in cards[position]]
            vanished.remove(best)
    return rows, cards


def _compared(text: str, front: str | None) -> str:
    """What two highlights are compared by: the text, and a card's question with it (a
    ``Q::A`` card whose answer was edited is still the same card)."""
    return text if front is None else f"{front}\n{text}"


def _most_similar(chapter: str, text: str, candidates: list) -> tuple[object | None, float]:
    """The vanished highlight of the same chapter the text most resembles, and how much:
    the ratio of their common text, or, when one holds nearly all of the other (a
    highlight shortened or extended), that share of the shorter one."""
    best, best_score = None, 0.0
    for row in candidates:
        if row["chapter"] != chapter:
            continue
        old = _compared(row["text"], row["card_front"])
        matcher = difflib.SequenceMatcher(None, old, text, autojunk=False)
        shorter = min(len(old), len(text))
        shared_at_most = matcher.quick_ratio() * (len(old) + len(text)) / 2
        may_contain = shorter >= CONTAINED_FROM and shared_at_most >= CONTAINED * shorter
        if matcher.quick_ratio() < SIMILAR_ENOUGH and not may_contain:
            continue
        score = matcher.ratio()
        if may_contain:
            shared = sum(block.size for block in matcher.get_matching_blocks())
            score = max(score, shared / shorter if shared >= CONTAINED * shorter else 0.0)
        if score > best_score:
            best, best_score = row, score
    return best, best_score
