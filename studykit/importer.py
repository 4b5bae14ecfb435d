"""Import notes files into the deck, again and again, without losing history.

Each file is one transaction: it imports whole or not at all, and a failing file
never stops the others. An unchanged file (same SHA-256 as last time) is skipped.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from studykit.cards.generate import generate_cards
from studykit.cards.junk import is_junk
from studykit.deck import Deck, to_db_time, utc_now
from studykit.deck import imports as sql
from studykit.errors import SourceError, StudykitError
from studykit.sources import SUFFIXES, Book, Highlight, parse_text
from studykit.sources.normalize import decode

SIMILAR_ENOUGH = 0.6  # an edited highlight without a block id keeps its old id above this


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
    """Files named directly, plus every .md/.markdown/.txt below named folders."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                            and p.is_file() and not any(s.startswith(".") for s in p.parts))
        else:
            found.append(path)
    return found


def import_paths(deck: Deck, paths: Iterable[Path], *, dry_run: bool = False,
                 on_file: Callable[[FileResult], None] | None = None) -> ImportReport:
    report = ImportReport()
    for path in collect_files(paths):
        result = import_file(deck, path, dry_run=dry_run)
        report.files.append(result)
        if on_file:
            on_file(result)
    return report


def import_file(deck: Deck, path: Path, *, dry_run: bool = False) -> FileResult:
    result = FileResult(str(path))
    try:
        data = _read(path)
        digest = hashlib.sha256(data).hexdigest()
        key = str(path.resolve())
        known = sql.source_row(deck.conn, key)
        if known is not None and known["sha256"] == digest:
            result.unchanged = known["highlights"]
            result.books = json.loads(known["books"])
            return result
        books = parse_text(decode(data, str(path)), path.name)
        try:
            with deck.transaction() as conn:
                for book in books:
                    _import_book(conn, book, key, result)
                sql.record_source(conn, key, digest, books[0].source_format,
                                  [b.id for b in books], sum(len(b.highlights) for b in books),
                                  to_db_time(utc_now()))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        result.status = "imported"
    except StudykitError as exc:
        result.status, result.error = "error", str(exc)
        result.new = result.updated = result.unchanged = result.removed = result.skipped = 0
        result.cards_new = result.cards_updated = result.cards_suspended = 0
    return result


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file", "check the path") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})", "check permissions") from None


def _import_book(conn, book: Book, source: str, result: FileResult) -> None:
    now = to_db_time(utc_now())
    sql.upsert_book(conn, book, now)
    result.books.append(book.id)
    result.warnings += book.warnings
    old = sql.existing_highlights(conn, book.id)
    _keep_ids_of_edited(book.highlights, old, source)
    inserts, updates, restored, junk_ids = [], [], [], set()
    paths: dict[tuple, str] = {}
    for position, h in enumerate(book.highlights):
        junk = is_junk(h.text, h.kind)
        if junk:
            result.skipped += 1
            junk_ids.add(h.id)
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
    cardable = [h for h in book.highlights if h.id in changed and h.id not in junk_ids]
    _write_cards(conn, book, cardable, result, now)
    sql.upsert_notes(conn, book, book.notes, source, now)


def _content_hash(h: Highlight) -> str:
    raw = "\x1f".join((h.text, h.note or "", h.chapter, h.kind, h.created_at or ""))
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


def _write_cards(conn, book: Book, highlights: list[Highlight], result: FileResult,
                 now: str) -> None:
    existing = sql.existing_cards(conn, [h.id for h in highlights])
    inserts, updates = [], []
    for h in highlights:
        for spec in generate_cards(h.text, kind=h.kind, note=h.note, chapter=h.chapter):
            card_id = spec.card_id(h.id)
            current = existing.get(card_id)
            if current is None:
                inserts.append((card_id, h.id, book.id, spec.kind, spec.ordinal, spec.front,
                                spec.back, spec.answer, now))
            elif current != (spec.front, spec.back, spec.answer):
                updates.append((spec.front, spec.back, spec.answer, now, card_id))
    sql.insert_cards(conn, inserts)
    sql.update_card_text(conn, updates)
    result.cards_new += len(inserts)
    result.cards_updated += len(updates)
