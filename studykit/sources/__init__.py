"""Readers for every notes format studykit imports.

``read_file(path)`` decodes, normalises, detects the format and returns finalized
:class:`Book` records. Parsers live one per module and never touch the deck.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from studykit.errors import SourceError
from studykit.sources.detect import PARSERS, detect_format, detect_reader
from studykit.sources.models import Book, Highlight, Note
from studykit.sources.normalize import decode, normalise

__all__ = ["PARSERS", "SUFFIXES", "Book", "Highlight", "Note", "detect_format", "detect_reader",
           "parse_text", "read_file"]

SUFFIXES = (".md", ".markdown", ".txt")  # found in folders; CSV/TSV only when named


def parse_text(text: str, name: str) -> list[Book]:
    """Parse already-decoded text; ``name`` is the file name (a title fallback)."""
    text = normalise(text)
    parser = importlib.import_module(PARSERS[detect_reader(text, name)])
    books = [book.finalize() for book in parser.parse(text, name)]
    books = [b for b in books if b.highlights or b.notes]
    if not books:
        raise SourceError(
            f"{name}: no highlights or notes found",
            "check that this is a WeRead export or a Markdown/text notes file",
        )
    return books


def read_file(path: Path) -> list[Book]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})", "check the path") from None
    return parse_text(decode(data, str(path)), path.name)
