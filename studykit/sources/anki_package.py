"""Read an Anki package (.apkg: some decks; .colpkg: a whole collection) as plain records.

A package is a zip holding the collection as SQLite: ``collection.anki21b`` (zstd-compressed,
schema 18: note types in the ``notetypes`` / ``fields`` / ``templates`` tables, their
settings as protobuf) from current Anki versions, else ``collection.anki21`` or
``collection.anki2`` (schema 11: note types and decks as JSON in the ``col`` row). A
current package also holds a ``collection.anki2`` that only says "please update Anki":
the newest collection in the zip is the one read. Media files are not read.

Nothing here knows about studykit's deck (see studykit/anki_import.py).
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from studykit.errors import SourceError

SUFFIXES = (".apkg", ".colpkg")
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")  # newest first


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str], ...]  # (question format, answer format) by ord


@dataclass(frozen=True)
class AnkiNote:
    id: int
    guid: str
    notetype: int
    fields: tuple[str, ...]  # HTML, as stored
    tags: tuple[str, ...]


@dataclass(frozen=True)
class AnkiCard:
    id: int
    note: int
    deck: int
    ord: int
    queue: int  # -1 suspended, -2/-3 buried, 0 new, 1/3 learning, 2 review


@dataclass(frozen=True)
class AnkiReview:
    id: int  # the answer's time, epoch milliseconds
    card: int
    ease: int  # 1 Again .. 4 Easy; 0 for a manual change
    time_ms: int
    kind: int  # 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual, 5 rescheduled


@dataclass
class AnkiPackage:
    notetypes: dict[int, NoteType] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)  # id -> "Parent::Child"
    notes: list[AnkiNote] = field(default_factory=list)
    cards: list[AnkiCard] = field(default_factory=list)
    reviews: list[AnkiReview] = field(default_factory=list)


def is_package(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def read_package(path: Path) -> AnkiPackage:
    """Everything studykit uses from the package at ``path``; SourceError when it is not
    a readable Anki package."""
    with _collection_file(path) as db_path:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return _read(conn)
        except sqlite3.DatabaseError as exc:
            raise SourceError(f"{path}: not an Anki collection inside ({exc})",
                              "export it again from Anki (File > Export)") from None
        finally:
            conn.close()


@contextmanager
def _collection_file(path: Path):
    """The package's newest collection, extracted (and decompressed) to a temporary file
    that is removed afterwards."""
    if not path.is_file():
        raise SourceError(f"{path}: no such file", "check the path")
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise SourceError(f"{path}: not an Anki package ({exc})",
                          "name a .apkg or .colpkg file exported by Anki") from None
    with archive, tempfile.TemporaryDirectory(prefix="studykit-anki-") as folder:
        names = set(archive.namelist())
        name = next((n for n in COLLECTIONS if n in names), None)
        if name is None:
            raise SourceError(f"{path}: no collection in this package",
                              "export it again from Anki (File > Export)")
        target = Path(folder) / "collection.db"
        with archive.open(name) as source, open(target, "wb") as out:
            if name.endswith("b"):
                _unzstd(source, out, path)
            else:
                shutil.copyfileobj(source, out)
        yield target


def _unzstd(source, out, path: Path) -> None:
    import zstandard

    try:
        zstandard.ZstdDecompressor().copy_stream(source, out)
    except zstandard.ZstdError as exc:
        raise SourceError(f"{path}: its collection cannot be decompressed ({exc})",
                          "export it again from Anki (File > Export)") from None


def _read(conn: sqlite3.Connection) -> AnkiPackage:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    package = AnkiPackage()
    if "notetypes" in tables:
        package.notetypes, package.decks = _notetypes_v18(conn), _decks_v18(conn)
    else:
        models, decks = conn.execute("SELECT models, decks FROM col").fetchone()
        package.notetypes, package.decks = _notetypes_v11(models), _decks_v11(decks)
    package.notes = [AnkiNote(r[0], r[1], r[2], tuple(r[3].split("\x1f")),
                              tuple(r[4].split()))
                     for r in conn.execute("SELECT id, guid, mid, flds, tags FROM notes")]
    package.cards = [AnkiCard(*r) for r in conn.execute(
        "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, queue FROM cards")]
    package.reviews = [AnkiReview(*r) for r in conn.execute(
        "SELECT id, cid, ease, time, type FROM revlog ORDER BY id")]
    return package


def _notetypes_v11(models: str) -> dict[int, NoteType]:
    found = {}
    for model in json.loads(models or "{}").values():
        fields = tuple(f["name"] for f in sorted(model["flds"], key=lambda f: f["ord"]))
        templates = tuple((t["qfmt"], t["afmt"]) for t in sorted(model["tmpls"],
                                                                 key=lambda t: t["ord"]))
        found[int(model["id"])] = NoteType(int(model["id"]), model["name"],
                                           model.get("type") == 1, fields, templates)
    return found


def _decks_v11(decks: str) -> dict[int, str]:
    return {int(d["id"]): d["name"] for d in json.loads(decks or "{}").values()}


def _notetypes_v18(conn: sqlite3.Connection) -> dict[int, NoteType]:
    fields: dict[int, list[str]] = {}
    for ntid, name in conn.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    templates: dict[int, list[tuple[str, str]]] = {}
    for ntid, config in conn.execute("SELECT ntid, config FROM templates ORDER BY ntid, ord"):
        values = protobuf_fields(config)
        templates.setdefault(ntid, []).append((_text(values.get(1)), _text(values.get(2))))
    return {ntid: NoteType(ntid, name, protobuf_fields(config).get(1) == 1,
                           tuple(fields.get(ntid, ())), tuple(templates.get(ntid, ())))
            for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes")}


def _decks_v18(conn: sqlite3.Connection) -> dict[int, str]:
    return {did: name.replace("\x1f", "::")
            for did, name in conn.execute("SELECT id, name FROM decks")}


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def protobuf_fields(data: bytes) -> dict[int, int | bytes]:
    """The top-level fields of a protobuf message (the last value of each; varints as
    ints, length-delimited as bytes): enough for Anki's note type and template settings."""
    found: dict[int, int | bytes] = {}
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            found[number], i = _varint(data, i)
        elif wire == 2:
            length, i = _varint(data, i)
            found[number], i = data[i:i + length], i + length
        elif wire in (1, 5):
            i += 8 if wire == 1 else 4
        else:
            raise SourceError("an Anki note type's settings cannot be read",
                              "export the package again from a current Anki")
    return found


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if i >= len(data):
            raise SourceError("an Anki note type's settings are cut short",
                              "export the package again from a current Anki")
        byte = data[i]
        value |= (byte & 0x7F) << shift
        i, shift = i + 1, shift + 7
        if not byte & 0x80:
            return value, i


# -- from HTML fields to studykit's plain text ------------------------------------------
_BREAK = re.compile(r"<br\s*/?>|</(?:div|p|li|tr)>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.S)
FIELD_REF = re.compile(r"\{\{(?:[^}:#/^]*:)*([^}#/^]+?)\}\}")


def plain(html_text: str) -> str:
    """A field as plain text: line breaks kept, tags, sounds and entities gone."""
    text = _SOUND.sub("", _BREAK.sub("\n", html_text))
    text = unescape(_TAG.sub("", text)).replace("\xa0", " ")
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def template_fields(template: str, names: tuple[str, ...]) -> list[str]:
    """The note fields a card template shows, in order (``{{Front}}``, ``{{text:Back}}``,
    ``{{cloze:Text}}``; ``FrontSide`` and unknown names are left out)."""
    found = []
    for match in FIELD_REF.finditer(template):
        name = match.group(1).strip()
        if name in names and name not in found:
            found.append(name)
    return found
