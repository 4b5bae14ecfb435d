"""Exports: the .apkg checked with Anki's own library, CSV round trips, Markdown sheets."""

from __future__ import annotations

import csv
import html
import io
import shutil
import sys
from pathlib import Path

import pytest
from conftest import HIGHLIGHTS, run_cli

from studykit.errors import NotFound
from studykit.export import select
from studykit.export.anki import export_anki
from studykit.export.csv_export import COLUMNS, export_csv
from studykit.export.markdown_export import export_markdown, render_sheets
from studykit.importer import import_paths

TINY = Path(__file__).parent / "fixtures" / "export" / "tiny_book.txt"
TENSOR = "张量（tensor）是带有设备信息的多维数组。"
SLICE = "基本切片得到的是原张量的视图，修改切片会改动原张量。"
GRAD = "调用backward()之前，叶子张量的grad属性是None。"
EXERCISE = "tensors/view_vs_copy"


@pytest.fixture
def source(tmp_path) -> Path:
    """A copy of the tiny book's notes, for tests that edit and re-import them."""
    copy = tmp_path / "notes" / TINY.name
    copy.parent.mkdir()
    shutil.copy(TINY, copy)
    return copy


@pytest.fixture
def tiny(deck, source):
    """The tiny book imported; its tensor card linked to an exercise and tagged."""
    import_paths(deck, [source])
    with deck.transaction() as conn:
        conn.execute("UPDATE cards SET exercise_id = ?, tags = 'confusing' WHERE back = ?",
                     (EXERCISE, TENSOR))
    return deck


def card_id(deck, back: str) -> str:
    return deck.conn.execute("SELECT id FROM cards WHERE back = ?", (back,)).fetchone()[0]


def reimport(deck, source: Path, old: str, new: str) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(old, new), encoding="utf-8")
    assert not import_paths(deck, [source]).failed


# --- what every export takes ----------------------------------------------------------


def test_select_leaves_out_suspended_cards_and_removed_highlights(tiny, source):
    reimport(tiny, source, f">> {GRAD}\n", "")
    with tiny.transaction() as conn:
        conn.execute("UPDATE cards SET suspended = 1, suspend_reason = 'user' WHERE back = ?",
                     (SLICE,))
    selection = select(tiny.conn)
    assert [e.card["back"] for e in selection.entries] == [TENSOR]
    assert selection.counts() == {"books": 1, "cards": 1, "skipped_suspended": 1,
                                  "skipped_removed": 1}


def test_book_filter_by_id_or_part_of_title(tiny):
    import_paths(tiny, [HIGHLIGHTS / "deep-vision.md"])
    book_id = tiny.conn.execute("SELECT id FROM books WHERE title = '小小张量书'").fetchone()[0]
    assert {e.book["title"] for e in select(tiny.conn, "张量书").entries} == {"小小张量书"}
    assert {e.book["title"] for e in select(tiny.conn, book_id).entries} == {"小小张量书"}
    assert len({e.book["id"] for e in select(tiny.conn).entries}) == 2
    with pytest.raises(NotFound, match="no book matches 'nope'"):
        select(tiny.conn, "nope")


# --- Anki, checked with Anki's own Python package -------------------------------------


@pytest.fixture
def collection(tmp_path):
    pytest.importorskip("anki")
    from anki.collection import Collection

    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


def genanki_guid(card: str) -> str:
    import genanki

    return genanki.guid_for(card)


def import_apkg(col, path: Path):
    """Import as Anki's File > Import does by default (update notes if newer)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(package_path=str(path),
                                       options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def deck_names(col) -> list[str]:
    return sorted(d.name for d in col.decks.all_names_and_ids())


def notes_by_guid(col) -> dict:
    return {n.guid: n for n in map(col.get_note, col.find_notes(""))}


def test_apkg_imports_into_anki_with_cloze_basic_decks_and_tags(tiny, collection, tmp_path):
    counts = export_anki(tiny.conn, tmp_path / "tiny.apkg")
    assert counts == {"books": 1, "notes": 3, "cloze": 2, "basic": 1,
                      "skipped_suspended": 0, "skipped_removed": 0}
    log = import_apkg(collection, tmp_path / "tiny.apkg")
    assert (len(log.new), collection.note_count(), collection.card_count()) == (3, 3, 3)
    assert deck_names(collection) == ["Default", "studykit", "studykit::小小张量书"]
    notes = notes_by_guid(collection)
    tensor = notes[genanki_guid(card_id(tiny, TENSOR))]
    assert tensor.note_type()["name"] == "studykit Cloze"
    assert tensor.fields == ["张量（{{c1::tensor}}）是带有设备信息的多维数组。", "",
                             "小小张量书 · 第一章 张量"]
    assert sorted(tensor.tags) == sorted(["book::小小张量书", "chapter::第一章_张量",
                                          "topic::tensors", f"exercise::{EXERCISE}",
                                          "confusing"])
    thought = notes[genanki_guid(card_id(tiny, SLICE))]
    assert thought.note_type()["name"] == "studykit Basic"
    assert thought.fields == ["Your thought: 视图和拷贝要分清。<br><br>Which idea was it about?",
                              SLICE, "", "小小张量书 · 第一章 张量"]
    grad = notes[genanki_guid(card_id(tiny, GRAD))]
    assert grad.fields[0] == "调用{{c1::backward()}}之前，叶子张量的grad属性是None。"
    assert grad.tags == ["book::小小张量书", "chapter::第二章_求导"]
    decks = {collection.decks.name(c.did) for n in notes.values() for c in n.cards()}
    assert decks == {"studykit::小小张量书"}


def test_one_subdeck_per_book_and_the_book_filter(tiny, collection, tmp_path):
    import_paths(tiny, [HIGHLIGHTS / "deep-vision.md", HIGHLIGHTS / "sequence-models.txt"])
    counts = export_anki(tiny.conn, tmp_path / "all.apkg")
    import_apkg(collection, tmp_path / "all.apkg")
    assert counts["books"] == 3 and collection.note_count() == counts["notes"]
    assert deck_names(collection) == [
        "Default", "studykit", "studykit::小小张量书", "studykit::序列与概率：循环网络十讲",
        "studykit::深度视觉：卷积网络手记"]
    only = export_anki(tiny.conn, tmp_path / "one.apkg", book="深度视觉")
    assert only["books"] == 1 and 0 < only["notes"] < counts["notes"]


def test_reexport_updates_notes_in_place(tiny, source, collection, tmp_path):
    first = export_anki(tiny.conn, tmp_path / "v1.apkg", now=1_700_000_000)
    import_apkg(collection, tmp_path / "v1.apkg")
    edited = TENSOR.replace("设备信息", "设备和数据类型信息")
    reimport(tiny, source, TENSOR, edited)
    assert card_id(tiny, edited)  # same highlight id, card text updated
    export_anki(tiny.conn, tmp_path / "v2.apkg", now=1_700_000_060)
    log = import_apkg(collection, tmp_path / "v2.apkg")
    assert (len(log.new), len(log.updated)) == (0, first["notes"])
    assert collection.note_count() == collection.card_count() == first["notes"]
    texts = sorted(n.fields[0] for n in notes_by_guid(collection).values())
    assert "张量（{{c1::tensor}}）是带有设备和数据类型信息的多维数组。" in texts
    assert not any("带有设备信息" in t for t in texts)


def test_apkg_code_fields_are_escaped_html(deck, collection, tmp_path):
    import_paths(deck, [HIGHLIGHTS / "training-notes.md"])
    export_anki(deck.conn, tmp_path / "code.apkg")
    import_apkg(collection, tmp_path / "code.apkg")
    backs = {r[0]: r[1] for r in deck.conn.execute("SELECT id, back FROM cards WHERE kind='code'")}
    notes = notes_by_guid(collection)
    assert len(backs) == 7
    for card, back in backs.items():
        field = notes[genanki_guid(card)].fields[1]
        assert field == html.escape(back, quote=False).replace("\n", "<br>")


def test_unwritable_target_is_an_export_error(tiny, tmp_path):
    from studykit.export import ExportError

    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        export_anki(tiny.conn, tmp_path / "file" / "x.apkg")


# --- CSV ------------------------------------------------------------------------------


def test_csv_round_trip(tiny, tmp_path):
    counts = export_csv(tiny.conn, tmp_path / "cards.csv")
    assert counts == {"books": 1, "cards": 3, "skipped_suspended": 0, "skipped_removed": 0}
    with (tmp_path / "cards.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0] == {
        "id": card_id(tiny, TENSOR), "book": "小小张量书", "chapter": "第一章 张量",
        "kind": "cloze", "front": "张量（[...]）是带有设备信息的多维数组。", "back": TENSOR,
        "answer": "tensor", "exercise": EXERCISE, "state": "new", "due": "",
        "tags": f"book::小小张量书 chapter::第一章_张量 topic::tensors exercise::{EXERCISE} "
                "confusing"}
    assert rows[1]["front"] == "Your thought: 视图和拷贝要分清。\n\nWhich idea was it about?"
    assert [r["back"] for r in rows] == [TENSOR, SLICE, GRAD]


def test_csv_to_a_stream_and_with_anki_header_lines(tiny):
    plain, anki = io.StringIO(), io.StringIO()
    export_csv(tiny.conn, plain)
    export_csv(tiny.conn, anki, anki=True)
    assert plain.getvalue().splitlines()[0] == ",".join(COLUMNS)
    assert anki.getvalue().splitlines()[:4] == [
        "#separator:Comma", "#html:false",
        "#columns:id,book,chapter,kind,Front,Back,answer,exercise,state,due,tags",
        "#tags column:11"]
    assert anki.getvalue().split("\n", 4)[4] == plain.getvalue().split("\n", 1)[1]


def test_csv_with_anki_header_imports_into_anki_unmapped(tiny, collection, tmp_path):
    from anki.collection import ImportCsvRequest

    export_csv(tiny.conn, tmp_path / "anki.csv", anki=True)
    metadata = collection.get_csv_metadata(str(tmp_path / "anki.csv"), None)
    collection.import_csv(ImportCsvRequest(path=str(tmp_path / "anki.csv"), metadata=metadata))
    notes = [collection.get_note(n) for n in collection.find_notes("")]
    assert sorted(n.fields[1] for n in notes) == sorted([TENSOR, SLICE, GRAD])
    assert {n.note_type()["name"] for n in notes} == {"Basic"}
    tensor = next(n for n in notes if n.fields[1] == TENSOR)
    assert tensor.fields[0] == "张量（[...]）是带有设备信息的多维数组。"
    assert "exercise::tensors/view_vs_copy" in tensor.tags


# --- Markdown ---------------------------------------------------------------------------

SHEET = """\
# 小小张量书

*王小明*

## About the book

点评:★★★★☆
短小好读。

## 第一章 张量

**Chapter note:** 整章都在讲张量。

> 张量（tensor）是带有设备信息的多维数组。

- Q: 张量（[...]）是带有设备信息的多维数组。 → A: tensor

> 基本切片得到的是原张量的视图，修改切片会改动原张量。

**Thought:** 视图和拷贝要分清。

- Q: Your thought: 视图和拷贝要分清。 Which idea was it about? → A: (the highlight above)

**Exercises:**

- `studykit exercise start tensors/view_vs_copy`

## 第二章 求导

> 调用backward()之前，叶子张量的grad属性是None。

- Q: 调用[...]之前，叶子张量的grad属性是None。 → A: backward()
"""


def test_markdown_sheet_exact(tiny):
    [sheet] = render_sheets(tiny.conn)
    assert (sheet.filename, sheet.highlights, sheet.cards) == ("小小张量书.md", 3, 3)
    assert sheet.text == SHEET


def test_markdown_to_a_folder_or_one_file(tiny, tmp_path):
    import_paths(tiny, [HIGHLIGHTS / "deep-vision.md"])
    counts = export_markdown(tiny.conn, tmp_path / "sheets")
    assert sorted(Path(f).name for f in counts["files"]) == ["小小张量书.md", "深度视觉：卷积网络手记.md"]
    assert (tmp_path / "sheets" / "小小张量书.md").read_text(encoding="utf-8") == SHEET
    single = export_markdown(tiny.conn, tmp_path / "all.md", book="张量书")
    assert single == {"books": 1, "highlights": 3, "cards": 3,
                      "files": [str(tmp_path / "all.md")]}
    assert (tmp_path / "all.md").read_text(encoding="utf-8") == SHEET


def test_markdown_code_highlight_is_fenced(deck):
    import_paths(deck, [HIGHLIGHTS / "training-notes.md"])
    text = render_sheets(deck.conn)[0].text
    assert "\n```\n" in text
    assert "- Q: What does this code do? (the highlight above)\n" in text


# --- the commands -----------------------------------------------------------------------


def _commands_registered() -> bool:
    import studykit.cli  # noqa: F401

    return "studykit.cli.export_commands" in sys.modules


needs_cli = pytest.mark.skipif(  # remove once studykit/cli/__init__.py imports the module
    not _commands_registered(), reason="studykit.cli does not import export_commands yet")


@needs_cli
def test_cli_exports(tmp_path):
    db = str(tmp_path / "d.db")
    assert run_cli("import", str(TINY), "--db", db).returncode == 0
    out = run_cli("export", "anki", "-o", str(tmp_path / "t.apkg"), "--db", db)
    assert out.returncode == 0, out.stderr
    assert out.stdout == (f"wrote {tmp_path / 't.apkg'}: 3 notes (2 cloze, 1 basic) in 1 deck;"
                          " left out 0 suspended cards and 0 cards of removed highlights\n")
    out = run_cli("export", "csv", "--book", "张量", "--db", db)
    assert out.returncode == 0, out.stderr
    assert len(list(csv.reader(io.StringIO(out.stdout)))) == 4
    assert out.stderr.startswith("wrote standard output: 3 cards from 1 book;")
    out = run_cli("export", "markdown", "-o", str(tmp_path / "sheets"), "--db", db)
    assert out.stdout == (f"wrote 1 study sheet to {tmp_path / 'sheets'}: 3 highlights, "
                          "3 cards\n")
    assert (tmp_path / "sheets" / "小小张量书.md").is_file()


@needs_cli
def test_cli_unknown_book_is_one_line_error(tmp_path):
    db = str(tmp_path / "d.db")
    run_cli("import", str(TINY), "--db", db)
    out = run_cli("export", "markdown", "--book", "nope", "--db", db)
    assert out.returncode == 1
    assert out.stderr.startswith("studykit: error: no book matches 'nope'")
