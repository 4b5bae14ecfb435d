"""Readers for every notes format studykit imports.

``read_file(path)`` decodes, normalises, detects the format and returns finalized
:class:`Book` records. Parsers live one per module and never touch the deck.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from studykit.errors import SourceError
from studykit.sources.models import Book, Highlight, Note
from studykit.sources.normalize import decode, normalise

__all__ = ["Book", "Highlight", "Note", "detect_format", "parse_text", "read_file"]

SUFFIXES = (".md", ".markdown", ".txt")  # found in folders; CSV/TSV only when named
TABLE_SUFFIXES = (".csv", ".tsv")
PARSERS = {
    "weread-obsidian": "studykit.sources.weread_obsidian",
    "weread-text": "studykit.sources.weread_text",
    "markdown": "studykit.sources.markdown_notes",
    "anki-csv": "studykit.sources.anki_csv",
}

_OBSIDIAN_DOC_TYPE = re.compile(r"^doc_type:\s*weread-highlights-reviews\s*$", re.MULTILINE)
_OBSIDIAN_MARK = re.compile(
    r"📌.*\^[A-Za-z0-9-]+\s*$|⏱.*\^[A-Za-z0-9-]+\s*$"
    r"|\]\(<?weread://[^\n]*\)\s+\^[A-Za-z0-9-]+\s*$", re.MULTILINE)
_ANKI_HEADER = re.compile(r"\A#(?:separator|html|columns|notetype|deck|tags|guid)[a-z ]*:")
_NATIVE_MARK = re.compile(
    r"^(◆ |>> ?)|^-- 来自微信读书\s*$|◆ .*>>|\d{4}/\d{1,2}/\d{1,2} ?发表想法", re.MULTILINE
)


def detect_format(text: str, name: str = "") -> str:
    """``anki-csv`` (a .csv/.tsv name, or Anki's ``#separator:``-style header lines),
    ``weread-obsidian``, ``weread-text`` or ``markdown`` (the catch-all)."""
    if name.lower().endswith(TABLE_SUFFIXES) or _ANKI_HEADER.match(text):
        return "anki-csv"
    if _OBSIDIAN_DOC_TYPE.search(text) or _OBSIDIAN_MARK.search(text):
        return "weread-obsidian"
    if _NATIVE_MARK.search(text):
        return "weread-text"
    return "markdown"


def parse_text(text: str, name: str) -> list[Book]:
    """Parse already-decoded text; ``name`` is the file name (a title fallback)."""
    text = normalise(text)
    parser = importlib.import_module(PARSERS[detect_format(text, name)])
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
