"""Long fuzz runs (``-m slow``) of the notes readers, the card generator and the importer.

They complement test_sources_property.py (a few hundred examples per test) with thousands.
Whatever comes in, parsing either returns books that hold up (an id and a non-blank title;
highlights with an id, non-blank text, ids unique within the book) or raises SourceError
with a one-line message; nothing else escapes. Every highlight that survives parsing and is
not junk also goes through ``generate_cards`` (see ``assert_cards_sound``).

* test_unicode_text (3000 examples): arbitrary text, and text biased toward CJK, emoji,
  invisible characters and format punctuation, through parse_text.
* test_marker_soup (3000): format markers (MARKERS of test_sources_property.py and more)
  glued with short CJK-biased text, through parse_text.
* test_mutated_documents (2000): every bundled sample, format fixture and (when
  ../shared/seeds is present) seed document, with lines dropped, duplicated, swapped, cut,
  joined or inserted, characters, markers and invisible characters inserted, spans deleted
  and line endings flipped to CRLF/CR, through parse_text.
* test_each_parser_on_its_own_format (2000): the same mutations, read by the parser
  detect_format picks for the unmutated document (whatever the mutations make it look like),
  with normalise() before and Book.finalize() after, as parse_text does.
* test_encoded_text (2000): text encoded in UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM,
  GB18030 and BOM-less UTF-16, sometimes with bytes flipped, inserted or deleted, through
  decode and parse_text; unmutated bytes in a supported encoding decode to the text exactly.
* test_random_bytes (2000): random bytes (up to 4 KiB, sometimes behind a BOM) through
  decode and parse_text.
* test_import_of_fuzzed_file (300): a fuzzed file imported into a real deck that already
  holds a sample book: the file imports or fails with a one-line error, SQLite's
  integrity_check passes, a failed import changes nothing and a successful one never removes
  the sample book's highlights.

Bugs these found have regression tests beside the code's other tests: a book exported
again without its bookId (its block ids held by another book: a clean error, not an
IntegrityError) in test_importer.py, and a blank 元数据 title in
test_source_weread_obsidian.py.
"""

from __future__ import annotations

import codecs
import importlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import HIGHLIGHTS, SEEDS
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_sources_property import MARKERS

from studykit.cards import CardSpec
from studykit.cards.generate import BLANK, generate_cards
from studykit.cards.junk import is_junk
from studykit.deck import Deck
from studykit.errors import SourceError
from studykit.importer import import_file
from studykit.sources import PARSERS, Book, Highlight, detect_format, parse_text
from studykit.sources.normalize import decode, normalise
from studykit.sources.weread_obsidian import INTERNAL_ERROR

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
FORMAT_FIXTURES = ("anki_csv", "markdown", "weread_obsidian", "weread_text")


def fuzz_settings(examples: int, *more_checks: HealthCheck) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=[
        HealthCheck.too_slow, HealthCheck.data_too_large, *more_checks])


# --- the documents mutated ------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    name: str
    text: str = field(repr=False)  # failures print the name, not 40 KB of notes

    @property
    def format(self) -> str:
        return detect_format(self.text, self.name)


def _documents() -> list[Doc]:
    paths = sorted(p for p in HIGHLIGHTS.iterdir() if p.is_file())
    paths += [p for folder in FORMAT_FIXTURES for p in sorted((FIXTURES / folder).iterdir())]
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    return [Doc(p.name, decode(p.read_bytes(), p.name)) for p in paths]


DOCUMENTS = _documents()


# --- what every result must satisfy ---------------------------------------------------


def assert_books_sound(books: list[Book]) -> None:
    for book in books:
        assert book.id and book.title.strip(), f"blank title {book.title!r}"
        # the obsidian parser turns its own crashes into this warning: still a crash here
        assert not any(INTERNAL_ERROR in warning for warning in book.warnings), book.warnings
        ids = [h.id for h in book.highlights]
        assert len(ids) == len(set(ids))
        for h in book.highlights:
            assert h.id and h.text.strip()
            assert_cards_sound(h)


def assert_cards_sound(h: Highlight) -> None:
    """What generate.py guarantees for a highlight that is not junk: CardSpecs with a kind,
    a non-blank front and back (the back always holds the highlight) and distinct (kind,
    ordinal) pairs, as card ids need; a cloze blanks at least one whole occurrence of its
    answer (blank_out hid more than 0 characters). At least one card for a highlight with
    its own front (an Anki/SR card) or with the reader's thought; text and code may make
    none (chrome, a heading, code with no key line to hide: see cards.generate)."""
    if is_junk(h.text, h.kind):
        return
    cards = generate_cards(h.text, kind=h.kind, note=h.note, chapter=h.chapter, front=h.front)
    if h.kind == "card" or (h.note and h.note.strip()):
        assert cards
    assert len({(c.kind, c.ordinal) for c in cards}) == len(cards)
    for card in cards:
        assert isinstance(card, CardSpec) and card.kind
        assert card.front.strip() and card.back.strip(), card
        if card.kind == "cloze":
            assert BLANK in card.front
            assert card.answer and card.answer in card.back, card


def parse_checked(text: str, name: str = "fuzz.md") -> list[Book]:
    """parse_text's books, checked; [] when it raised SourceError (checked too)."""
    try:
        books = parse_text(text, name)
    except SourceError as exc:
        assert_one_line(exc.message)
        return []
    assert books
    assert_books_sound(books)
    return books


def assert_one_line(message: str | None) -> None:
    assert message and message.strip() and "\n" not in message, repr(message)


# --- text strategies ------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufffc", "\u3000", "\u00a0",
             "\t", "\r", "\n"]
EXTRA_MARKERS = [
    "# 元数据\n", "> [!abstract] ", "> - 书名： ", "> - 作者： ", "# 高亮划线\n", "# 读书笔记\n",
    "## 划线评论\n", "## 章节评论\n", "# 本书评论\n", "## 书评 No.1\n", "# 笔记汇总\n",
    "# 热门划线\n", "title: ", "bookId: ", "> 💭 ", "> 🔥 ", "> 📊 3 人共读 ^a-1",
    "> - 📌 ", "2024-01-01 10:00:00 发表想法\n", "> [链接](<weread://x>) ^b-2", "◆ 点评\n",
    "◆ 2024/01/02发表想法\n", "◆ 2024/1/2 认为好看\n", "12个笔记\n", "第一章 张量\n",
    "#separator:tab\n", "#html:true\n", "#guid column:1\n", "#columns:front\tback\n",
    "front,back,tags\n", '"a\tb"\t', "```python\n", "~~~\n", "    ", "- ", "1. ", "• ", "①",
    "import torch\n", "x = torch.randn(1, 3, 8, 8)\n", "nn.Conv2d(3, 6, 5)(x)  # 输出\n",
    "所谓张量，是指多维数组。", "卷积层的作用是提取局部特征。", "称为池化", "，因为", "用于",
    "<br>", "&amp;", "chapter::第1章_张量", "\\", "{a: b; c: d}", "👍🏽", "🧑‍💻", "⏱️",
]
ALL_MARKERS = MARKERS + EXTRA_MARKERS
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
EMOJI = st.one_of(st.sampled_from(["📌", "💭", "⏱", "🔥", "📊", "\ufe0f", "\U0001f3fd"]),
                  st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF))
PUNCTUATION = st.sampled_from(list("，。：；！？《》（）【】、“”…—·◆>#*-`^[]()|,;:\"' 0123456789ab"))
BIASED_CHAR = st.one_of(CJK, CJK, EMOJI, st.sampled_from(INVISIBLE), PUNCTUATION,
                        st.characters(codec="utf-8"))  # no lone surrogates: no file holds one
BIASED_TEXT = st.text(alphabet=BIASED_CHAR, max_size=400)
SNIPPET = st.one_of(st.sampled_from([*ALL_MARKERS, *INVISIBLE, "\r\n"]),
                    st.text(BIASED_CHAR, max_size=8))


@st.composite
def mutated(draw, text: str) -> str:
    """``text`` after a few line-level edits, character-level inserts and deletions, and
    line endings flipped to CRLF or CR over a stretch of lines."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        lines = _edit_lines(draw, lines)
    text = "\n".join(lines)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(SNIPPET) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    if ending != "\n":
        lines = text.split("\n")
        start = draw(st.integers(0, len(lines)))
        stop = draw(st.integers(start, len(lines)))
        text = lines[0] + "".join((ending if start <= i < stop else "\n") + line
                                  for i, line in enumerate(lines[1:]))
    return text


def _edit_lines(draw, lines: list[str]) -> list[str]:
    if not lines:
        return [draw(SNIPPET)]
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    action = draw(st.sampled_from(["drop", "drop_run", "dup", "swap", "cut", "join", "insert"]))
    lines = list(lines)
    if action == "drop":
        del lines[i]
    elif action == "drop_run":
        del lines[min(i, j):max(i, j) + 1]
    elif action == "dup":
        lines.insert(i, lines[i])
    elif action == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif action == "cut":
        lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    elif action == "join" and i + 1 < len(lines):
        lines[i:i + 2] = [lines[i] + lines[i + 1]]
    else:
        lines.insert(i, draw(SNIPPET))
    return lines


# --- arbitrary text -------------------------------------------------------------------


@fuzz_settings(3000)
@given(st.one_of(st.text(max_size=400), BIASED_TEXT))
def test_unicode_text(text):
    parse_checked(text)


@fuzz_settings(3000)
@given(st.lists(st.one_of(st.sampled_from(ALL_MARKERS), st.text(BIASED_CHAR, max_size=30)),
                max_size=40))
def test_marker_soup(parts):
    parse_checked("".join(parts))


# --- mutated real documents -----------------------------------------------------------


@fuzz_settings(2000)
@given(st.data())
def test_mutated_documents(data):
    doc = data.draw(st.sampled_from(DOCUMENTS))
    parse_checked(data.draw(mutated(doc.text)), doc.name)


@fuzz_settings(2000)
@given(st.data())
def test_each_parser_on_its_own_format(data):
    doc = data.draw(st.sampled_from(DOCUMENTS))
    parser = importlib.import_module(PARSERS[doc.format])
    text = normalise(data.draw(mutated(doc.text)))
    try:
        books = [book.finalize() for book in parser.parse(text, doc.name)]
    except SourceError as exc:  # only the Anki CSV reader raises (for unreadable CSV)
        assert_one_line(exc.message)
        return
    assert all(book.source_format == doc.format for book in books)
    assert_books_sound([b for b in books if b.highlights or b.notes])


# --- encodings ------------------------------------------------------------------------

ENCODERS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16-le-no-bom": lambda text: text.encode("utf-16-le"),  # not supported: may fail
}
# ASCII controls that make decode call bytes binary (any NUL, or over 5% of them)
BINARY_CONTROLS = frozenset(map(chr, range(32))) - set("\t\n\x0c\r\x1b")


@st.composite
def document_slices(draw) -> str:
    text = draw(st.sampled_from(DOCUMENTS)).text
    start = draw(st.integers(0, len(text)))
    return text[start: start + draw(st.integers(0, 3000))]


@st.composite
def byte_mutations(draw, data: bytes) -> bytes:
    """About half of the time ``data`` itself, else with 1-4 bytes flipped, inserted or
    deleted."""
    if draw(st.integers(0, 3)) < 2:
        return data
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data.insert(at, draw(st.integers(0, 255)))
        elif at < len(data):
            del data[at]
    return bytes(data)


def expected_decoding(encoding: str, text: str, data: bytes) -> str | None:
    """What decode must return for ``text`` encoded unmutated, None when not pinned down.

    UTF-8 with or without BOM and UTF-16 with BOM come back exactly (decode strips one
    leading UTF-8 BOM, so a text opening with U+FEFF loses it when encoded without one).
    GB18030 bytes come back only when they are not also valid UTF-8, which decode tries
    first (pure ASCII is both), and do not open with the UTF-8 BOM bytes."""
    if encoding in ("utf-8-sig", "utf-16-le-bom", "utf-16-be-bom"):
        return text
    if encoding == "utf-8":
        return text.removeprefix("\ufeff")
    if encoding == "gb18030":
        if data.startswith(codecs.BOM_UTF8):
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return text
    return None


@fuzz_settings(2000)
@given(st.one_of(document_slices(), BIASED_TEXT, st.text(max_size=400)),
       st.sampled_from(sorted(ENCODERS)), st.data())
def test_encoded_text(text, encoding, data):
    try:
        original = ENCODERS[encoding](text)
    except UnicodeEncodeError:  # not representable in this encoding
        assume(False)
    raw = data.draw(byte_mutations(original), label="bytes")
    try:
        decoded = decode(raw, "x.md")
    except SourceError as exc:
        assert_one_line(exc.message)
        decoded = None
    if raw == original and (expected := expected_decoding(encoding, text, raw)) is not None:
        if decoded is None:  # only a text with control characters may read as binary
            assert encoding in ("utf-8", "gb18030")
            assert BINARY_CONTROLS.intersection(text)
        else:
            assert decoded == expected
    if decoded is not None:
        parse_checked(decoded)


# --- random bytes ---------------------------------------------------------------------

BOMS = [b"", b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]


@fuzz_settings(2000)
@given(st.sampled_from(BOMS), st.binary(max_size=4096))
def test_random_bytes(bom, payload):
    try:
        text = decode(bom + payload, "x.md")
    except SourceError as exc:
        assert_one_line(exc.message)
        return
    parse_checked(text)


# --- importing a fuzzed file ----------------------------------------------------------

SAMPLE_BOOK = HIGHLIGHTS / "pytorch-basics.md"
SAMPLE = Doc(SAMPLE_BOOK.name, SAMPLE_BOOK.read_text("utf-8"))
TABLES = ("books", "sources", "notes", "highlights", "cards")


@pytest.fixture(scope="module")
def seeded_deck(tmp_path_factory) -> tuple[Path, str]:
    """A deck file holding the imported sample book, and that book's id."""
    folder = tmp_path_factory.mktemp("seeded")
    sample = folder / SAMPLE_BOOK.name
    shutil.copyfile(SAMPLE_BOOK, sample)
    with Deck(folder / "deck.db") as deck:
        result = import_file(deck, sample)
    assert result.status == "imported" and len(result.books) == 1
    return folder / "deck.db", result.books[0]


def deck_rows(deck: Deck) -> dict[str, list[tuple]]:
    query = "SELECT * FROM {} ORDER BY rowid"
    return {table: [tuple(row) for row in deck.conn.execute(query.format(table))]
            for table in TABLES}


def live_highlights(deck: Deck, book_id: str) -> set[str]:
    return {row[0] for row in deck.conn.execute(
        "SELECT id FROM highlights WHERE book_id = ? AND removed = 0", (book_id,))}


@st.composite
def fuzzed_files(draw) -> tuple[str, bytes]:
    """(file name, bytes): the sample book or another document, mutated and encoded, or
    random bytes."""
    name = draw(st.sampled_from(["notes.md", "notes.txt", "cards.csv", "cards.tsv"]))
    if draw(st.integers(0, 3)) == 0:
        return name, draw(st.binary(max_size=4096))
    doc = draw(st.sampled_from([SAMPLE, SAMPLE, *DOCUMENTS]))
    text = draw(mutated(doc.text))
    encoding = draw(st.sampled_from(sorted(ENCODERS)))
    try:
        return name, draw(byte_mutations(ENCODERS[encoding](text)))
    except UnicodeEncodeError:
        return name, text.encode("utf-8")


@fuzz_settings(300, HealthCheck.function_scoped_fixture)
@given(fuzzed_files())
def test_import_of_fuzzed_file(seeded_deck, fuzzed):
    check_import(*seeded_deck, *fuzzed)


def check_import(template: Path, book_id: str, name: str, payload: bytes) -> None:
    """Import ``payload`` as file ``name`` into a copy of the seeded deck, and check it."""
    with tempfile.TemporaryDirectory() as folder:
        db, path = Path(folder) / "deck.db", Path(folder) / name
        shutil.copyfile(template, db)
        path.write_bytes(payload)
        with Deck(db) as deck:
            before, live = deck_rows(deck), live_highlights(deck, book_id)
            result = import_file(deck, path)
            assert result.status in ("imported", "error"), result
            if result.status == "error":
                assert_one_line(result.error)
                assert deck_rows(deck) == before
            else:  # another file never removes the sample book's highlights
                assert live <= live_highlights(deck, book_id)
            assert deck.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

