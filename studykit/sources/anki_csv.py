"""Anki-style text files (.csv, .tsv, or Anki's "Notes in Plain Text" export): one card a row.

The columns are front, back and optionally tags (space-separated), separated by tabs,
commas or semicolons; quoted fields may hold separators, quotes and newlines. Anki's own
header lines are understood: ``#separator:`` (``tab``, ``comma``, ``semicolon``, ...
or the character itself), ``#html:`` (``true`` turns HTML fields into plain text),
``#columns:`` (column labels), and ``#tags column:``, ``#guid column:``,
``#notetype column:``, ``#deck column:`` (1-based); other ``#`` header lines are
ignored. Without them the separator is guessed (a tab in the first row, or a .tsv name,
means tabs), and a first row naming ``front`` and ``back`` is a header row: its
``tags``, ``chapter`` and ``guid``/``id`` columns are used (studykit's own CSV export
reads back this way). The chapter comes from a ``chapter`` column, else from a
``chapter::…`` tag (``_`` read as a space).

The result is ONE :class:`Book` titled after the file, ``source_format="anki-csv"``, whose
highlights are ``kind="card"``: ``front`` the question, ``text`` the answer. An Anki
guid gives the highlight a stable id (its ``block_id``), so edited cards keep their history.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field

from studykit.errors import SourceError
from studykit.sources.common import title_from_name
from studykit.sources.models import Book, Highlight, short_hash

SOURCE_FORMAT = "anki-csv"
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|",
              "colon": ":"}
_HEADER_LINE = re.compile(r"#([a-z ]+):(.*)", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</?div>|</p>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LABELS = {"front": "front", "question": "front", "back": "back", "answer": "back",
           "tags": "tags", "chapter": "chapter", "guid": "guid", "id": "guid"}


@dataclass
class _Layout:
    """How to read a row: 0-based column of each role, and columns that are not fields."""

    separator: str = ""
    html: bool = False
    roles: dict[str, int] = field(default_factory=dict)
    not_fields: set[int] = field(default_factory=set)
    labels: list[str] | None = None


def parse(text: str, name: str) -> list[Book]:
    """One book of ``kind="card"`` highlights; raises SourceError for unreadable CSV."""
    headers, body = _split_headers(text)
    layout = _layout(headers, body, name)
    rows = _rows(body, layout.separator, name)
    if layout.labels is None and rows and _is_header_row(rows[0]):
        layout.labels = rows.pop(0)
    if layout.labels is not None:
        _apply_labels(layout)
    book = Book(title=title_from_name(name), source_format=SOURCE_FORMAT)
    skipped = 0
    for row in rows:
        card = _card(row, layout)
        if card is None:
            skipped += bool(any(cell.strip() for cell in row))
        else:
            book.highlights.append(card)
    if skipped:
        book.warnings.append(f"{name}: {skipped} rows without both a front and a back "
                             "were skipped")
    return [book]


def _split_headers(text: str) -> tuple[dict[str, str], str]:
    """Anki's leading ``#key:value`` lines (keys lower-cased) and the rest of the text."""
    headers: dict[str, str] = {}
    lines = text.split("\n")
    count = 0
    for line in lines:
        if not line.startswith("#"):
            break
        count += 1
        match = _HEADER_LINE.fullmatch(line)
        if match:
            headers[match[1].strip().lower()] = match[2].strip()
    return headers, "\n".join(lines[count:])


def _layout(headers: dict[str, str], body: str, name: str) -> _Layout:
    layout = _Layout(separator=_separator(headers.get("separator"), body, name),
                     html=headers.get("html", "").lower() == "true")
    for key, role in (("tags column", "tags"), ("guid column", "guid"),
                      ("notetype column", None), ("deck column", None)):
        if headers.get(key, "").isdigit() and int(headers[key]) > 0:
            column = int(headers[key]) - 1
            layout.not_fields.add(column)
            if role:
                layout.roles[role] = column
    if "columns" in headers:
        layout.labels = headers["columns"].split(layout.separator)
    return layout


def _separator(declared: str | None, body: str, name: str) -> str:
    if declared:
        return SEPARATORS.get(declared.lower(), declared[0])
    if name.lower().endswith(".tsv"):
        return "\t"
    first = next((line for line in body.split("\n") if line.strip()), "")
    if "\t" in first:
        return "\t"
    return ";" if ";" in first and "," not in first else ","


def _rows(body: str, separator: str, name: str) -> list[list[str]]:
    try:
        return [row for row in csv.reader(io.StringIO(body), delimiter=separator) if row]
    except csv.Error as exc:
        raise SourceError(f"{name}: not readable as CSV ({exc})",
                          "save it as UTF-8 CSV or tab-separated text, one card a row") from None


def _is_header_row(row: list[str]) -> bool:
    roles = {_LABELS.get(cell.strip().lower()) for cell in row}
    return {"front", "back"} <= roles


def _apply_labels(layout: _Layout) -> None:
    """Roles named by column labels; labels not naming a role are not fields."""
    named = {}
    for column, label in enumerate(layout.labels or []):
        role = _LABELS.get(label.strip().lower())
        if role and role not in named:
            named[role] = column
    if {"front", "back"} <= set(named):
        layout.not_fields.update(i for i in range(len(layout.labels or [])) if i not in
                                 (named["front"], named["back"]))
        layout.roles = {**named, **layout.roles}


def _card(row: list[str], layout: _Layout) -> Highlight | None:
    fields = [i for i in range(len(row)) if i not in layout.not_fields]
    roles = dict(layout.roles)
    for role, position in (("front", 0), ("back", 1), ("tags", 2)):
        if role not in roles and len(fields) > position:
            roles[role] = fields[position]
    front, back = (_cell(row, roles.get(r), layout.html) for r in ("front", "back"))
    if not front or not back:
        return None
    chapter = _cell(row, roles.get("chapter"), False) or _chapter_tag(
        _cell(row, roles.get("tags"), False))
    guid = _cell(row, roles.get("guid"), False)
    return Highlight(text=back, front=front, kind="card", chapter=chapter,
                     chapter_path=(chapter,) if chapter else (),
                     chapter_level=1 if chapter else 0,
                     block_id="g" + short_hash("anki-guid", guid) if guid else None)


def _cell(row: list[str], column: int | None, is_html: bool) -> str:
    if column is None or column >= len(row):
        return ""
    text = row[column]
    if is_html:
        text = html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))
    return text.strip()


def _chapter_tag(tags: str) -> str:
    for tag in tags.split():
        if tag.lower().startswith("chapter::") and len(tag) > len("chapter::"):
            return tag[len("chapter::"):].replace("_", " ")
    return ""
