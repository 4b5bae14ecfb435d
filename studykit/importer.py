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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from studykit.cards import CardSpec
from studykit.cards.generate import generate_cards
from studykit.cards.junk import is_junk
from studykit.deck import Deck, to_db_time, utc_now
from studykit.deck import imports as sql
from studykit.errors import SourceError, StudykitError
from studykit.linking import Link, get_index
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
class Prepared:
    """A file read, hashed, parsed and turned into card specs: pure work, no database.

    ``cards[b][i]`` are the card specs of highlight ``i`` of book ``b`` (None for junk),
    ``links[b][i]`` the exercise its cards link to (None without cards or catalog).
    """

    path: Path
    key: str
    digest: str = ""
    books: list[Book] = field(default_factory=list)
    cards: list[list[list[CardSpec] | None]] = field(default_factory=list)
    links: list[list[Link | None]] = field(default_factory=list)
    unchanged: bool = False
    error: str | None = None


def prepare_file(path: Path, known_digest: str | None) -> Prepared:
    prepared = Prepared(path, str(path.resolve()))
    try:
        data = _read(path)
        prepared.digest = hashlib.sha256(data).hexdigest()
        if prepared.digest == known_digest:
            prepared.unchanged = True
            return prepared
        prepared.books = parse_text(decode(data, str(path)), path.name)
    except StudykitError as exc:
        prepared.error = str(exc)
        return prepared
    prepared.cards = [[None if is_junk(h.text, h.kind) else
                       generate_cards(h.text, kind=h.kind, note=h.note, chapter=h.chapter,
                                      front=h.front)
                       for h in book.highlights] for book in prepared.books]
    prepared.links = _links(prepared.books, prepared.cards)
    return prepared


def _links(books: list[Book], cards: list[list]) -> list[list[Link | None]]:
    index = get_index()
    return [[index.link(h.text, h.chapter) if index and specs else None
             for h, specs in zip(book.highlights, specs_of, strict=True)]
            for book, specs_of in zip(books, cards, strict=True)]


def _prepare_star(args: tuple[Path, str | None]) -> Prepared:
    return prepare_file(*args)


def prepared_files(files: list[Path], known: dict[str, str]) -> Iterator[Prepared]:
    """Prepare files in order; in worker processes when there are many and cores to spare."""
    jobs = [(f, known.get(str(f.resolve()))) for f in files]
    workers = min(PARALLEL_WORKERS, os.cpu_count() or 1)
    if len(files) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        yield from map(_prepare_star, jobs)
        return
    if any(digest is None for _, digest in jobs):
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
            for book, cards, links in zip(prepared.books, prepared.cards, prepared.links,
                                          strict=True):
                _import_book(conn, book, cards, links, prepared.key, result)
            sql.record_source(conn, prepared.key, prepared.digest,
                              prepared.books[0].source_format,
                              [b.id for b in prepared.books],
                              sum(len(b.highlights) for b in prepared.books),
                              to_db_time(utc_now()))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except StudykitError as exc:
        return FileResult(str(prepared.path), status="error", error=str(exc))
    result.status = "imported"
    return result


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file", "check the path") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder", "name the folder itself to import it") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})", "check permissions") from None


def _import_book(conn, book: Book, cards: list, links: list, source: str,
                 result: FileResult) -> None:
    now = to_db_time(utc_now())
    sql.upsert_book(conn, book, now)
    result.books.append(book.id)
    result.warnings += book.warnings
    old = sql.existing_highlights(conn, book.id)
    _keep_ids_of_edited(book.highlights, old, source)
    inserts, updates, restored = [], [], []
    paths: dict[tuple, str] = {}
    for position, h in enumerate(book.highlights):
        junk = cards[position] is None
        result.skipped += junk
        digest = _content_hash(h)
        if h.chapter_path not in paths:
            paths[h.chapter_path] = json.dumps(h.chapter_path, ensure_ascii=False)
        row = sql.highlight_row(book, h, position, source, digest, junk, now,
                                paths[h.chapter_path])
        previous = old.get(h.id)
        if previous is None:
            inserts.append(row)
            result.new += 1
        elif previous["content_hash"] != digest or previous["removed"]:
            updates.append(row)
            result.updated += 1
            if previous["removed"]:
                restored.append(h.id)
        else:
            result.unchanged += 1
    sql.insert_highlights(conn, inserts)
    sql.update_highlights(conn, updates)
    sql.restore_cards(conn, restored, now)
    present = {h.id for h in book.highlights}
    gone = [i for i, r in old.items()
            if i not in present and not r["removed"] and r["source_file"] == source]
    result.removed += len(gone)
    result.cards_suspended += sql.mark_removed(conn, gone, now)
    changed = {r[0] for r in inserts} | {r[0] for r in updates}
    cardable = [(h, specs, link)
                for h, specs, link in zip(book.highlights, cards, links, strict=True)
                if specs and h.id in changed]
    _write_cards(conn, book, cardable, result, now)
    sql.upsert_notes(conn, book, book.notes, source, now)


def _content_hash(h: Highlight) -> str:
    parts = (h.text, h.note or "", h.chapter, h.kind, h.created_at or "")
    raw = "\x1f".join(parts if h.front is None else (*parts, h.front))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _keep_ids_of_edited(highlights: list[Highlight], old: dict, source: str) -> None:
    """A highlight without a block id whose text was edited keeps its old id (and so its
    cards' history) when it closely resembles a vanished one in the same chapter."""
    present = {h.id for h in highlights}
    vanished = [r for i, r in old.items() if i not in present and r["source_file"] == source]
    if not vanished:
        return
    for h in highlights:
        if h.block_id or h.id in old:
            continue
        best, score = _most_similar(h, vanished)
        if best is not None and score >= SIMILAR_ENOUGH:
            h.id = best["id"]
            vanished.remove(best)


def _most_similar(h: Highlight, candidates: list) -> tuple[object | None, float]:
    best, best_score = None, 0.0
    for row in candidates:
        if row["chapter"] != h.chapter:
            continue
        matcher = difflib.SequenceMatcher(None, row["text"], h.text, autojunk=False)
        if matcher.quick_ratio() < SIMILAR_ENOUGH:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = row, score
    return best, best_score


def _write_cards(conn, book: Book,
                 cardable: list[tuple[Highlight, list[CardSpec], Link | None]],
                 result: FileResult, now: str) -> None:
    existing = sql.existing_cards(conn, [c[0].id for c in cardable]) if result.updated else {}
    inserts, updates, generated = [], [], set()
    for h, specs, link in cardable:
        exercise = link or _NO_LINK
        for spec in specs:
            card_id = spec.card_id(h.id)
            generated.add(card_id)
            current = existing.get(card_id)
            if current is None:
                inserts.append((card_id, h.id, book.id, spec.kind, spec.ordinal, spec.front,
                                spec.back, spec.answer, *exercise, now))
            elif (current[:3] != (spec.front, spec.back, spec.answer)
                  or (link and current[5] != link.exercise_id)):
                updates.append((spec.front, spec.back, spec.answer, *exercise, now, card_id))
    sql.insert_cards(conn, inserts)
    sql.update_card_text(conn, updates)
    stale = [i for i in existing if i not in generated]
    revived = [i for i in generated if i in existing and existing[i][4] == "stale"]
    sql.set_stale(conn, stale, revived, now)
    result.cards_suspended += len(stale)
    result.cards_new += len(inserts)
    result.cards_updated += len(updates)
