"""Import notes files into the deck, again and again, without losing history.

Each file is one transaction: it imports whole or not at all, and a failing file
never stops the others. An unchanged file (same SHA-256 as last time) is skipped.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import multiprocessing as mp
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from studykit.cards.generate import generate_cards
from studykit.cards.junk import is_junk
from studykit.deck import Deck, to_db_time, utc_now
from studykit.deck import imports as sql
from studykit.errors import SourceError, StudykitError
from studykit.linking import LinkIndex, get_index
from studykit.sources import SUFFIXES, Book, Highlight, parse_text
from studykit.sources.normalize import decode

PARALLEL_FROM = 16  # files; fewer are prepared in this process
PARALLEL_WORKERS = 4
SIMILAR_ENOUGH = 0.6  # an edited highlight without a block id keeps its old id above this
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
            "errors": [{"file": f.path, "error": f.error} for f in self.files if f.error],
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly (incl. Anki CSV/TSV), plus every .md/.markdown/.txt below
    named folders."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                            and p.is_file() and not any(s.startswith(".") for s in p.parts))
        else:
            found.append(path)
    return found


@dataclass
class PreparedBook:
    """One book of a prepared file, as rows ready to write (see deck.imports): ``book``
    keeps its metadata and notes (its highlights are in ``highlights``), ``cards[i]`` are
    the card rows of highlight ``i`` (none for junk), ``anchored[i]`` whether its id is a
    WeRead block id (one without keeps an edited passage's id by resemblance)."""

    book: Book
    highlights: list[tuple]
    cards: list[list[tuple]]
    anchored: list[bool]


@dataclass
class Prepared:
    """A file read, hashed, parsed and turned into rows: pure work, no database, done in
    worker processes when there are many files (rows pickle far faster than objects)."""

    path: Path
    key: str
    digest: str = ""
    books: list[PreparedBook] = field(default_factory=list)
    unchanged: bool = False
    error: str | None = None


def prepare_file(path: Path, known_digest: str | None, now: str | None = None) -> Prepared:
    prepared = Prepared(path, str(path.resolve()))
    try:
        data = _read(path)
        prepared.digest = hashlib.sha256(data).hexdigest()
        if prepared.digest == known_digest:
            prepared.unchanged = True
            return prepared
        books = parse_text(decode(data, str(path)), path.name)
    except StudykitError as exc:
        prepared.error = str(exc)
        return prepared
    now = now or to_db_time(utc_now())
    index = get_index()
    prepared.books = [_prepare_book(book, prepared.key, now, index) for book in books]
    return prepared


def _prepare_book(book: Book, source: str, now: str, index: LinkIndex | None) -> PreparedBook:
    # in phases (all cards, then all links, then all rows) rather than highlight by
    # highlight: each phase's code and tables stay in the CPU's caches (~30% faster).
    # A highlight without cards (an image, a fragment, a lone heading) is junk.
    hs = book.highlights
    specs_of = [() if is_junk(h.text, h.kind) else
                generate_cards(h.text, kind=h.kind, note=h.note, chapter=h.chapter,
                               front=h.front) for h in hs]
    links = [index.link(h.text, h.chapter) if index and specs else _NO_LINK
             for h, specs in zip(hs, specs_of, strict=True)]
    rows, cards, paths = [], [], {}
    for position, (h, specs, link) in enumerate(zip(hs, specs_of, links, strict=True)):
        path = paths.get(h.chapter_path)
        if path is None:
            path = paths[h.chapter_path] = json.dumps(h.chapter_path, ensure_ascii=False)
        rows.append(sql.highlight_row(book.id, h, position, source, _content_hash(h),
                                      not specs, now, path))
        cards.append([sql.card_row(h.id, book.id, spec.kind, spec.ordinal, spec.front,
                                   spec.back, spec.answer, link, now) for spec in specs])
    book.highlights = []
    return PreparedBook(book, rows, cards, [h.block_id is not None for h in hs])


def _prepare_star(args: tuple[Path, str | None, str]) -> Prepared:
    return prepare_file(*args)


def prepared_files(files: list[Path], known: dict[str, str]) -> Iterator[Prepared]:
    """Prepare files in order; in worker processes when there are many and cores to spare."""
    now = to_db_time(utc_now())
    jobs = [(f, known.get(str(f.resolve())), now) for f in files]
    workers = min(PARALLEL_WORKERS, os.cpu_count() or 1)
    if len(files) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        yield from map(_prepare_star, jobs)
        return
    if any(digest is None for _, digest, _ in jobs):
        get_index()  # new files will link: build it once here, for the forked workers
    with mp.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_prepare_star, jobs, chunksize=4)


def import_paths(deck: Deck, paths: Iterable[Path], *, dry_run: bool = False,
                 on_file: Callable[[FileResult], None] | None = None) -> ImportReport:
    report = ImportReport()
    files = collect_files(paths)
    known = sql.source_digests(deck.conn)
    for prepared in prepared_files(files, known):
        result = write_prepared(deck, prepared, dry_run=dry_run)
        report.files.append(result)
        if on_file:
            on_file(result)
    return report


def import_file(deck: Deck, path: Path, *, dry_run: bool = False) -> FileResult:
    known = sql.source_row(deck.conn, str(path.resolve()))
    return write_prepared(deck, prepare_file(path, known and known["sha256"]), dry_run=dry_run)


def write_prepared(deck: Deck, prepared: Prepared, *, dry_run: bool = False) -> FileResult:
    """Write one prepared file in one transaction (all or nothing)."""
    result = FileResult(str(prepared.path))
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
        return FileResult(str(prepared.path), status="error", error=str(exc))
    except sqlite3.IntegrityError:  # rolled back; ids are unique, so another book has them
        return FileResult(str(prepared.path), status="error",
                          error=str(_another_books_highlights(deck, prepared)))
    result.status = "imported"
    return result


def _another_books_highlights(deck: Deck, prepared: Prepared) -> SourceError:
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
    raise  # an integrity error of another kind is a bug: let it show


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file", "check the path") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder", "name the folder itself to import it") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})", "check permissions") from None


def _import_book(conn, prepared: PreparedBook, source: str, result: FileResult) -> None:
    book = prepared.book
    now = to_db_time(utc_now())
    sql.upsert_book(conn, book, now)
    result.books.append(book.id)
    result.warnings += book.warnings
    result.skipped += sum(row[sql.H_JUNK] for row in prepared.highlights)
    old = sql.existing_highlights(conn, book.id)
    if old:
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
    for row, card_rows in zip(rows, cards, strict=True):
        previous = old.get(row[sql.H_ID])
        if previous is None:
            inserts.append(row)
            result.new += 1
        elif previous["content_hash"] != row[sql.H_HASH] or previous["removed"]:
            updates.append(row)
            result.updated += 1
            if previous["removed"]:
                restored.append(row[sql.H_ID])
        else:
            result.unchanged += 1
            continue
        changed.append((row[sql.H_ID], card_rows))
    sql.insert_highlights(conn, inserts)
    sql.update_highlights(conn, updates)
    sql.restore_cards(conn, restored, now)
    present = {row[sql.H_ID] for row in rows}
    gone = [i for i, r in old.items()
            if i not in present and not r["removed"] and r["source_file"] == source]
    result.removed += len(gone)
    result.cards_suspended += sql.mark_removed(conn, gone, now)
    _write_cards(conn, changed, result, now)


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
        best, score = _most_similar(row[sql.H_CHAPTER], row[sql.H_TEXT], vanished)
        if best is not None and score >= SIMILAR_ENOUGH:
            rows[position] = sql.renamed_highlight(row, best["id"])
            cards[position] = [sql.renamed_card(c, best["id"]) for c in cards[position]]
            vanished.remove(best)
    return rows, cards


def _most_similar(chapter: str, text: str, candidates: list) -> tuple[object | None, float]:
    best, best_score = None, 0.0
    for row in candidates:
        if row["chapter"] != chapter:
            continue
        matcher = difflib.SequenceMatcher(None, row["text"], text, autojunk=False)
        if matcher.quick_ratio() < SIMILAR_ENOUGH:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = row, score
    return best, best_score


def _write_cards(conn, changed: list[tuple[str, list[tuple]]], result: FileResult,
                 now: str) -> None:
    """Cards of new and changed highlights: insert new ids, update changed text or link,
    suspend as stale those the generator no longer makes (their history stays)."""
    existing = sql.existing_cards(conn, [i for i, _ in changed]) if result.updated else {}
    inserts, updates, generated = [], [], set()
    for _, card_rows in changed:
        for row in card_rows:
            card_id = row[sql.C_ID]
            generated.add(card_id)
            current = existing.get(card_id)
            if current is None:
                inserts.append(row)
            elif (current[:3] != row[sql.C_FRONT:sql.C_ANSWER + 1]
                  or (row[sql.C_EXERCISE] and current[5] != row[sql.C_EXERCISE])):
                updates.append(row)
    sql.insert_cards(conn, inserts)
    sql.update_card_text(conn, updates)
    stale = [i for i in existing if i not in generated]
    revived = [i for i in generated if i in existing and existing[i][4] == "stale"]
    sql.set_stale(conn, stale, revived, now)
    result.cards_suspended += len(stale)
    result.cards_new += len(inserts)
    result.cards_updated += len(updates)
