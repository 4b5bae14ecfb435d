"""What the readers share (studykit.sources.common) and which reader reads a text."""

from __future__ import annotations

import pytest

from studykit.sources import detect_format, detect_reader, parse_text
from studykit.sources.common import (
    NO_CLOSING_FENCE,
    NOT_A_MAPPING,
    Chapters,
    Thoughts,
    read_front_matter,
    title_from_name,
)
from studykit.sources.models import Highlight

# --- one title fallback ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "title"), [
    ("深度学习.md", "深度学习"),
    ("vault/books/卷积网络.markdown", "卷积网络"),
    ("C:\\notes\\export.txt", "export"),
    ("deck.CSV", "deck"),
    ("Deep Learning 2.0", "Deep Learning 2.0"),  # no notes suffix: nothing is cut
    ("  ", "untitled"),
    ("", "untitled"),
])
def test_title_from_name(name, title):
    assert title_from_name(name) == title


UNTITLED = {  # one file per reader, none of which names its book
    "weread-obsidian": "## 第1章\n- 📌 梯度下降沿负梯度方向更新参数。 ^123-1-2-3\n",
    "weread-text": "◆ 第1章\n\n>> 梯度下降沿负梯度方向更新参数。\n",
    "markdown": "## 第1章\n\n- 梯度下降沿负梯度方向更新参数。\n- 学习率决定步长。\n",
    "scraped-page": "第1章 优化\n\n梯度下降沿负梯度方向更新参数。\n",
    "anki-csv": "#separator:comma\n梯度下降的方向？,负梯度方向\n",
}


@pytest.mark.parametrize("reader", sorted(UNTITLED))
@pytest.mark.parametrize(("name", "title"), [("我的笔记.md", "我的笔记"), ("", "untitled")])
def test_every_reader_falls_back_to_the_same_title(reader, name, title):
    text = UNTITLED[reader]
    assert detect_reader(text, name) == reader
    [book] = parse_text(text, name)
    assert book.title == title


# --- one front-matter reader -------------------------------------------------------------


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_front_matter_fields_as_written():
    matter = read_front_matter(lines(
        '\n---\ntitle: 手记\nauthor: [甲, 乙]\nbookId: "0123"\nisbn: 9787115508980\n'
        "lastReadDate: 2021-04-27\n---\n# body"))
    assert matter.found and matter.problem is None
    assert matter.body == 8
    assert (matter.text("title"), matter.text("author"), matter.text("bookId")) == (
        "手记", "甲, 乙", "0123")
    assert matter.text("isbn") == "9787115508980"
    assert matter.text("lastReadDate") == "2021-04-27"  # a date stays as written
    assert matter.text("missing") is None


def test_front_matter_that_is_not_yaml_is_read_line_by_line_when_asked():
    matter = read_front_matter(lines("---\ntitle: [没有闭合\nauthor: 某人\n---\n正文"))
    assert matter.problem.startswith("is not valid YAML (")
    assert matter.body == 4
    assert matter.text("author") == "某人"
    assert matter.text("author", raw_fallback=False) is None


def test_rules_around_plain_text_are_not_a_mapping():
    matter = read_front_matter(lines("---\n提示\n---\n正文"))
    assert matter.problem == NOT_A_MAPPING


def test_an_unclosed_block_ends_where_the_body_starts_or_is_no_front_matter():
    text = lines("---\ntitle: 书\nbookId: 42\n# 高亮划线\n- 📌 x")
    assert not read_front_matter(text).found
    matter = read_front_matter(text, stop_at=lambda line: line.startswith("#"))
    assert (matter.problem, matter.body, matter.text("bookId")) == (NO_CLOSING_FENCE, 3, "42")


def test_no_front_matter():
    matter = read_front_matter(lines("# 标题\n---\ntitle: x\n---"))
    assert (matter.found, matter.body, matter.text("title")) == (False, 0, None)


# --- one chapter tracker -----------------------------------------------------------------


def test_chapters_close_headings_as_deep_or_deeper():
    chapters = Chapters()
    chapters.enter(1, "第1章")
    chapters.enter(3, "1.1.1")
    chapters.enter(3, "1.1.2")  # a sibling, not a child, of 1.1.1
    assert (chapters.path, chapters.level) == (("第1章", "1.1.2"), 2)
    chapters.enter(2, "1.2")
    assert chapters.path == ("第1章", "1.2")
    chapters.enter(1, "第2章")
    assert (chapters.current, chapters.path) == ("第2章", ("第2章",))


def test_absolute_levels_keep_the_written_depth():
    chapters = Chapters(absolute_levels=True)
    chapters.enter(1, "第1章")
    chapters.enter(3, "1.1.1")
    highlight = chapters.highlight("文本")
    assert (highlight.chapter, highlight.chapter_path, highlight.chapter_level) == (
        "1.1.1", ("第1章", "1.1.1"), 3)


def test_obsidian_level_3_siblings_under_a_level_1_chapter():
    """The plugin prints no heading for a level-2 chapter without highlights: two
    level-3 chapters under it are siblings."""
    text = ("---\ndoc_type: weread-highlights-reviews\nbookId: \"42\"\n---\n# 高亮划线\n"
            "## 第1章\n#### 1.1.1 甲\n- 📌 甲节的一句话。 ^42-1-1-5\n"
            "#### 1.1.2 乙\n- 📌 乙节的一句话。 ^42-1-6-9\n")
    [book] = parse_text(text, "book.md")
    assert [(h.chapter_path, h.chapter_level) for h in book.highlights] == [
        (("第1章", "1.1.1 甲"), 3), (("第1章", "1.1.2 乙"), 3)]


# --- one way to attach a thought ---------------------------------------------------------


def test_a_thought_is_attached_once_whatever_its_spacing():
    highlight, thoughts = Highlight("原文。"), Thoughts()
    thoughts.attach(highlight, "喜欢这句。")
    thoughts.attach(highlight, "  喜欢 这句。\n")
    thoughts.attach(highlight, "")
    thoughts.attach(highlight, "第二个想法，\n分两行。")
    assert highlight.note == "喜欢这句。\n\n第二个想法，\n分两行。"
    assert thoughts.carries(highlight, ["喜欢这句。", "第二个想法，分两行。"])
    assert not thoughts.carries(highlight, ["别的想法"])


def test_native_export_thought_repeated_with_other_spacing_is_kept_once():
    text = ("《书》\n作者\n2个笔记\n\n\n第一章\n\n◆ 山路在脚下慢慢展开。\n\n◆ 2024/03/01发表想法\n\n"
            "喜欢这句。\n\n原文：山路在脚下慢慢展开。\n\n◆ 2024/03/02发表想法\n\n喜欢 这句。\n\n"
            "原文：山路在脚下慢慢展开。\n")
    [book] = parse_text(text, "b.txt")
    assert [(h.text, h.note) for h in book.highlights] == [("山路在脚下慢慢展开。", "喜欢这句。")]


# --- which reader --------------------------------------------------------------------------


def test_a_scraped_page_is_read_by_its_own_reader_and_stays_markdown():
    text = UNTITLED["scraped-page"]
    assert (detect_format(text), detect_reader(text)) == ("markdown", "scraped-page")
    [book] = parse_text(text, "page.txt")
    assert book.source_format == "markdown"
    assert [(h.text, h.chapter) for h in book.highlights] == [
        ("梯度下降沿负梯度方向更新参数。", "第1章 优化")]
