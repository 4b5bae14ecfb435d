"""The Anki-style CSV/TSV reader: separators, header rows, Anki's header lines, quoting."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studykit.errors import SourceError
from studykit.sources import parse_text
from studykit.sources.anki_csv import parse

FIXTURES = Path(__file__).parent / "fixtures" / "anki_csv"


def cards(book) -> list[tuple[str, str, str]]:
    return [(h.front, h.text, h.chapter) for h in book.highlights]


def load(name: str):
    return parse_text((FIXTURES / name).read_text(encoding="utf-8"), name)


def test_header_row_comma_quotes_commas_and_newlines():
    [book] = load("with_header.csv")
    assert (book.title, book.source_format) == ("with_header", "anki-csv")
    assert cards(book) == [
        ("What does view() return?", "A view: it shares storage with the original, no copy.",
         "Views and copies"),
        ("Which call, made twice, accumulates gradients?",
         "backward() - call\nzero_grad() first", ""),
        ('Quote "inside"', "42", ""),
    ]
    first = book.highlights[0]
    assert (first.kind, first.chapter_path, first.chapter_level, first.note) == (
        "card", ("Views and copies",), 1, None)


def test_tsv_without_header_third_column_is_tags():
    [book] = load("no_header.tsv")
    assert cards(book) == [("张量的形状用什么属性查看？", "shape", ""),
                           ("Conv2d的输出尺寸公式？", "(n + 2p - k) / s + 1", "第5章 卷积层")]


def test_anki_plain_text_export_with_header_lines_html_and_guids():
    [book] = load("anki_notes.txt")
    assert book.source_format == "anki-csv"
    assert cards(book) == [
        ("What is broadcasting?", "Expanding size-1 dims\nto match shapes & sizes", "第1章 张量"),
        ("Tab\tinside", "answer", ""),
    ]
    ids = [h.id for h in book.highlights]
    assert all(i.startswith("g") for i in ids) and len(set(ids)) == 2
    assert [h.id for h in load("anki_notes.txt")[0].highlights] == ids


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("q1,a1\nq2,a2\n", "plain.csv", [("q1", "a1"), ("q2", "a2")]),
    ("Front,Back\nq1,a1\n", "cap.csv", [("q1", "a1")]),
    ("Question\tAnswer\tTags\nq1\ta1\tx\n", "qa.tsv", [("q1", "a1")]),
    ("q1;a1\nq2;a2\n", "semi.csv", [("q1", "a1"), ("q2", "a2")]),
    ("q1\ta, b\n", "guess.csv", [("q1", "a, b")]),
    ("#separator:Comma\n#html:false\nq1,<b>a1</b>\n", "x.txt", [("q1", "<b>a1</b>")]),
    ("#separator:tab\n#columns:Back\tFront\nans\tques\n", "labels.txt", [("ques", "ans")]),
    ("#separator:|\nq1|a1\n", "pipe.txt", [("q1", "a1")]),
    ("id,book,front,back,answer\nc1,B,q1,a1,x\n", "studykit.csv", [("q1", "a1")]),
    ("#separator:Comma\n#html:false\n#columns:id,book,Front,Back,tags\n#tags column:5\n"
     "c1,B,q1,a1,x\n", "studykit-anki.csv", [("q1", "a1")]),
    ("q1,a1\n\n\nq2,a2", "blank_lines.csv", [("q1", "a1"), ("q2", "a2")]),
])
def test_layouts(text, name, expected):
    [book] = parse(text, name)
    assert [(h.front, h.text) for h in book.highlights] == expected


def test_rows_without_front_or_back_are_skipped_with_a_warning():
    [book] = parse("q1,a1\nonly a front\n,no front\nq2,\n", "partial.csv")
    assert [(h.front, h.text) for h in book.highlights] == [("q1", "a1")]
    assert book.warnings == ["partial.csv: 3 rows without both a front and a back were skipped"]


def test_studykit_csv_export_reads_back_with_chapters_and_stable_ids():
    text = ("id,book,chapter,kind,front,back,answer,exercise,state,due,tags\n"
            "h1:cloze:1,书,第一章,cloze,张量（[...]）,张量（tensor）,tensor,,new,,book::书\n")
    [book] = parse_text(text, "export.csv")
    [card] = book.highlights
    assert (card.front, card.text, card.chapter) == ("张量（[...]）", "张量（tensor）", "第一章")
    assert card.id == parse_text(text.replace("（tensor）", "（张量）"), "export.csv")[0] \
        .highlights[0].id


def test_detection_by_suffix_or_anki_header():
    from studykit.sources import detect_format

    assert detect_format("a,b\n", "x.csv") == "anki-csv"
    assert detect_format("a\tb\n", "x.TSV") == "anki-csv"
    assert detect_format("#separator:tab\na\tb\n", "x.txt") == "anki-csv"
    assert detect_format("# Heading\n\ntext\n", "x.md") == "markdown"


def test_nothing_usable_is_a_source_error():
    with pytest.raises(SourceError, match="no highlights or notes"):
        parse_text("just one column\nanother\n", "one.csv")


def test_import_makes_basic_cards_and_a_front_edit_updates_the_same_card(deck, tmp_path):
    from studykit.importer import import_paths

    source = tmp_path / "cards.csv"
    source.write_text("front,back\n\"Shape of x.T for x of shape (2, 3)?\",\"(3, 2)\"\n"
                      "Answer to everything?,42\n", encoding="utf-8")
    assert import_paths(deck, [source]).to_json()["cards"]["new"] == 2
    rows = deck.conn.execute("SELECT id, kind, front, back FROM cards ORDER BY rowid").fetchall()
    assert [tuple(r)[1:] for r in rows] == [
        ("basic", "Shape of x.T for x of shape (2, 3)?", "(3, 2)"),
        ("basic", "Answer to everything?", "42")]
    source.write_text(source.read_text(encoding="utf-8").replace("everything", "it all"),
                      encoding="utf-8")
    report = import_paths(deck, [source]).to_json()
    assert (report["highlights"]["updated"], report["cards"]["updated"]) == (1, 1)
    card = deck.conn.execute("SELECT id, front FROM cards WHERE back = '42'").fetchone()
    assert tuple(card) == (rows[1]["id"], "Answer to it all?")


PIECES = ["#separator:tab\n", "#separator:;\n", "#html:true\n", "#columns:Front,Back\n",
          "#tags column:3\n", "#guid column:1\n", "front,back\n", ",", "\t", ";", '"', '""',
          "\n", "<br>", "&amp;", "chapter::x ", "a", "问"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=30).map("".join),
       st.sampled_from(["fuzz.csv", "fuzz.tsv", "fuzz.txt"]))
def test_any_text_gives_cards_or_one_line_source_error(text, name):
    try:
        books = parse_text(text, name)
    except SourceError as exc:
        assert "\n" not in exc.message
        return
    for book in books:
        assert len({h.id for h in book.highlights}) == len(book.highlights)
        for h in book.highlights:
            assert h.text.strip()
            assert book.source_format != "anki-csv" or (h.kind == "card" and h.front)
