"""Exports: the .apkg checked with Anki's own library, CSV round trips, Markdown sheets.

The tiny deck is the tiny book's notes imported for real, with its generated cards
replaced by a hand-written set (so that these tests do not follow the card generator).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import HIGHLIGHTS, run_cli

from studykit.errors import NotFound
from studykit.export import ExportError, select
from studykit.export.anki import export_anki
from studykit.export.csv_export import COLUMNS, export_csv
from studykit.export.markdown_export import export_markdown, render_sheets
from studykit.importer import import_paths

TINY = Path(__file__).parent / "fixtures" / "export" / "tiny_book.txt"
TENSOR = "张量（tensor）是带有设备信息的多维数组。"
SLICE = "基本切片得到的是原张量的视图，修改切片会改动原张量。"
GRAD = "调用backward()之前，叶子张量的grad属性是None。"
EXERCISE = "tensors/view_vs_copy"
CARDS = [  # highlight, kind, front, back, answer
    (TENSOR, "cloze", "张量（[...]）是带有设备信息的多维数组。", TENSOR, "tensor"),
    (SLICE, "cloze", "基本[...]得到的是原张量的视图，修改[...]会改动原张量。", SLICE, "切片"),
    (SLICE, "thought", "Which passage was this thought about?\n视图和拷贝要分清。",
     f"{SLICE}\n\n💭 视图和拷贝要分清。", None),
    (GRAD, "qa", "调用backward()之前，叶子张量的grad属性是什么？", GRAD, "None"),
]
NOW = "2026-01-01T00:00:00Z"


@pytest.fixture
def source(tmp_path) -> Path:
    """A copy of the tiny book's notes, for tests that edit and re-import them."""
    copy = tmp_path / "notes" / TINY.name
    copy.parent.mkdir()
    shutil.copy(TINY, copy)
    return copy


@pytest.fixture
def tiny(deck, source):
    """The tiny book with the hand-written cards; the first linked to an exercise and
    tagged by the user."""
    import_paths(deck, [source])
    with deck.transaction() as conn:
        conn.execute("DELETE FROM cards")
        for text, kind, front, back, answer in CARDS:
            hid, book = conn.execute("SELECT id, book_id FROM highlights WHERE text = ?",
                                     (text,)).fetchone()
            conn.execute(
                "INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, "
                "answer, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
                (f"{hid}:{kind}:1", hid, book, kind, front, back, answer, NOW, NOW))
        conn.execute("UPDATE cards SET exercise_id = ?, tags = 'confusing' WHERE back = ?",
                     (EXERCISE, TENSOR))
    return deck


def card_id(deck, front: str) -> str:
    return deck.conn.execute("SELECT id FROM cards WHERE front = ?", (front,)).fetchone()[0]


# --- what every export takes ----------------------------------------------------------


def test_select_leaves_out_suspended_cards_and_removed_highlights(tiny, source):
    source.write_text(source.read_text(encoding="utf-8").replace(f">> {GRAD}\n", ""),
                      encoding="utf-8")
    assert not import_paths(tiny, [source]).failed
    with tiny.transaction() as conn:
        conn.execute("UPDATE cards SET suspended = 1, suspend_reason = 'user' "
                     "WHERE kind = 'thought'")
    selection = select(tiny.conn)
    assert [e.card["front"] for e in selection.entries] == [CARDS[0][2], CARDS[1][2]]
    assert selection.counts() == {"books": 1, "cards": 2, "skipped_suspended": 1,
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


def import_apkg(col, path: Path):
    """Import as Anki's File > Import does by default (update notes if newer)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(package_path=str(path),
                                       options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def deck_names(col) -> list[str]:
    return sorted(d.name for d in col.decks.all_names_and_ids())


def notes_by_card(col, deck) -> dict:
    """Anki's notes keyed by the id of the studykit card they were made from (a Cloze
    note: by its first cloze card)."""
    from studykit.export.anki import card_guid, cloze_guid

    guids = {card_guid(c): c for (c,) in deck.conn.execute("SELECT id FROM cards")}
    guids |= {cloze_guid(h): f"{h}:cloze:1" for (h,) in deck.conn.execute(
        "SELECT highlight_id FROM cards WHERE kind = 'cloze'")}
    return {guids[n.guid]: n for n in map(col.get_note, col.find_notes(""))}


def test_apkg_imports_into_anki_with_cloze_basic_decks_and_tags(tiny, collection, tmp_path):
    counts = export_anki(tiny.conn, tmp_path / "tiny.apkg")
    assert counts == {"books": 1, "notes": 4, "cloze": 2, "basic": 2, "cards": 4, "reviews": 0,
                      "skipped_suspended": 0, "skipped_removed": 0}
    log = import_apkg(collection, tmp_path / "tiny.apkg")
    assert (len(log.new), collection.note_count(), collection.card_count()) == (4, 4, 4)
    assert deck_names(collection) == ["Default", "studykit", "studykit::小小张量书"]
    notes = notes_by_card(collection, tiny)
    tensor, slice_, thought, grad = (notes[card_id(tiny, c[2])] for c in CARDS)
    assert tensor.note_type()["name"] == "studykit Cloze"
    assert tensor.fields == ["张量（{{c1::tensor}}）是带有设备信息的多维数组。", "",
                             "小小张量书 · 第一章 张量"]
    assert sorted(tensor.tags) == sorted(["book::小小张量书", "chapter::第一章_张量",
                                          "topic::tensors", f"exercise::{EXERCISE}",
                                          "confusing"])
    assert slice_.fields[:2] == ["基本{{c1::切片}}得到的是原张量的视图，修改{{c1::切片}}会改动原张量。",
                                 "视图和拷贝要分清。"]
    assert thought.note_type()["name"] == "studykit Basic"
    assert thought.fields == ["Which passage was this thought about?<br>视图和拷贝要分清。",
                              f"{SLICE}<br><br>💭 视图和拷贝要分清。", "",
                              "小小张量书 · 第一章 张量"]
    assert grad.fields[:2] == ["调用backward()之前，叶子张量的grad属性是什么？",
                               f"None<br><br>{GRAD}"]
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


def test_reexport_updates_notes_in_place(tiny, collection, tmp_path):
    export_anki(tiny.conn, tmp_path / "v1.apkg", now=1_700_000_000)
    import_apkg(collection, tmp_path / "v1.apkg")
    tensor = card_id(tiny, CARDS[0][2])
    with tiny.transaction() as conn:
        conn.execute("UPDATE cards SET front = ?, back = ? WHERE id = ?",
                     ("张量（[...]）是多维数组。", "张量（tensor）是多维数组。", tensor))
    export_anki(tiny.conn, tmp_path / "v2.apkg", now=1_700_000_060)
    log = import_apkg(collection, tmp_path / "v2.apkg")
    assert (len(log.new), len(log.updated)) == (0, 4)
    assert collection.note_count() == collection.card_count() == 4
    assert notes_by_card(collection, tiny)[tensor].fields[0] == "张量（{{c1::tensor}}）是多维数组。"


def test_apkg_fields_are_escaped_html_and_render(tiny, collection, tmp_path):
    qa, tensor = card_id(tiny, CARDS[3][2]), card_id(tiny, CARDS[0][2])
    with tiny.transaction() as conn:
        conn.execute("UPDATE cards SET front = ? WHERE id = ?",
                     ("if a < b && c > 0:\n    d = {{c1::e}}", qa))
        conn.execute("UPDATE cards SET front = ?, back = ?, answer = ? WHERE id = ?",
                     ("use [...] here", "use std::vector<T> here", "std::vector<T>", tensor))
    export_anki(tiny.conn, tmp_path / "html.apkg")
    import_apkg(collection, tmp_path / "html.apkg")
    notes = notes_by_card(collection, tiny)
    assert notes[qa].fields[0] == "if a &lt; b &amp;&amp; c &gt; 0:<br>    d = {&#123;c1::e}}"
    assert notes[tensor].fields[0] == "use {{c1::std:&#58;vector&lt;T&gt;}} here"
    card = notes[tensor].cards()[0]
    assert "[...]" in card.question() and "std:&#58;vector&lt;T&gt;" in card.answer()
    assert "{{c1" not in notes[qa].cards()[0].question()


def test_unwritable_target_is_an_export_error(tiny, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        export_anki(tiny.conn, tmp_path / "file" / "x.apkg")


# --- CSV ------------------------------------------------------------------------------


def test_csv_round_trip(tiny, tmp_path):
    counts = export_csv(tiny.conn, tmp_path / "cards.csv")
    assert counts == {"books": 1, "cards": 4, "skipped_suspended": 0, "skipped_removed": 0}
    with (tmp_path / "cards.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0] == {
        "id": card_id(tiny, CARDS[0][2]), "book": "小小张量书", "chapter": "第一章 张量",
        "kind": "cloze", "front": CARDS[0][2], "back": TENSOR, "answer": "tensor",
        "exercise": EXERCISE, "state": "new", "due": "",
        "tags": f"book::小小张量书 chapter::第一章_张量 topic::tensors exercise::{EXERCISE} "
                "confusing"}
    assert [(r["kind"], r["front"], r["back"], r["answer"]) for r in rows] == [
        (kind, front, back, answer or "") for _, kind, front, back, answer in CARDS]


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
    assert {n.note_type()["name"] for n in notes} == {"Basic"}
    assert sorted(n.fields[0] for n in notes) == sorted(c[2].replace("\n", "<br>")
                                                        for c in CARDS)
    tensor = next(n for n in notes if n.fields[0] == CARDS[0][2])
    assert tensor.fields[1] == TENSOR and f"exercise::{EXERCISE}" in tensor.tags


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

- Q: 基本[...]得到的是原张量的视图，修改[...]会改动原张量。 → A: 切片
- Q: Which passage was this thought about? 视图和拷贝要分清。 → A: (the highlight above) 💭 视图和拷贝要分清。

**Exercises:**

- `studykit exercise start tensors/view_vs_copy`

## 第二章 求导

> 调用backward()之前，叶子张量的grad属性是None。

- Q: 调用backward()之前，叶子张量的grad属性是什么？ → A: None
"""


def test_markdown_sheet_exact(tiny):
    [sheet] = render_sheets(tiny.conn)
    assert (sheet.filename, sheet.highlights, sheet.cards) == ("小小张量书.md", 3, 4)
    assert sheet.text == SHEET


def test_markdown_to_a_folder_or_one_file(tiny, tmp_path):
    import_paths(tiny, [HIGHLIGHTS / "deep-vision.md"])
    counts = export_markdown(tiny.conn, tmp_path / "sheets")
    assert sorted(Path(f).name for f in counts["files"]) == ["小小张量书.md", "深度视觉：卷积网络手记.md"]
    assert (tmp_path / "sheets" / "小小张量书.md").read_text(encoding="utf-8") == SHEET
    single = export_markdown(tiny.conn, tmp_path / "all.md", book="张量书")
    assert single == {"books": 1, "highlights": 3, "cards": 4,
                      "files": [str(tmp_path / "all.md")]}
    assert (tmp_path / "all.md").read_text(encoding="utf-8") == SHEET


def test_markdown_card_about_code_keeps_its_code_as_a_block():
    from studykit.export.markdown_export import _card_lines

    code = "x = 1\ny = x + 1"
    fill = {"front": "Fill in the line:\n\nx = 1\n[...]", "back": code, "answer": "y = x + 1"}
    assert _card_lines(fill, code, True) == [
        "- Q: Fill in the line:", "", "  ```", "  x = 1", "  [...]", "  ```", "",
        "  A: y = x + 1"]
    what = {"front": f"What does it do?\n\n{code}", "back": code, "answer": None}
    assert _card_lines(what, code, True) == ["- Q: What does it do? (the highlight above)"]


def test_markdown_code_highlight_is_fenced(deck):
    import_paths(deck, [HIGHLIGHTS / "training-notes.md"])
    code = deck.conn.execute("SELECT text FROM highlights WHERE kind = 'code'").fetchone()[0]
    text = render_sheets(deck.conn)[0].text
    assert f"\n```\n{code}\n```\n" in text


# --- the commands -----------------------------------------------------------------------


def test_cli_exports(tiny, tmp_path):
    out = run_cli("export", "anki", "-o", str(tmp_path / "t.apkg"))
    assert out.returncode == 0, out.stderr
    assert out.stdout == (f"wrote {tmp_path / 't.apkg'}: 4 notes (2 cloze, 2 basic) with 4 "
                          "cards and 0 logged reviews in 1 deck; left out 0 suspended cards "
                          "and 0 cards of removed highlights\n")
    out = run_cli("export", "csv", "--book", "张量")
    assert out.returncode == 0, out.stderr
    assert len(list(csv.reader(io.StringIO(out.stdout)))) == 5
    assert out.stderr.startswith("wrote standard output: 4 cards from 1 book;")
    out = run_cli("export", "markdown", "-o", str(tmp_path / "sheets"))
    assert out.stdout == (f"wrote 1 study sheet to {tmp_path / 'sheets'}: 3 highlights, "
                          "4 cards\n")
    assert (tmp_path / "sheets" / "小小张量书.md").read_text(encoding="utf-8") == SHEET
    out = run_cli("export", "markdown")
    assert out.stdout == SHEET


def test_cli_unknown_book_is_one_line_error(tiny):
    out = run_cli("export", "anki", "-o", "x.apkg", "--book", "nope")
    assert out.returncode == 1
    assert out.stderr == ("studykit: error: no book matches 'nope'; closest: «小小张量书» — "
                          "list the books with "
                          "`studykit books` and pass an id or part of a title\n")
