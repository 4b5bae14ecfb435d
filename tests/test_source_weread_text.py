"""Native WeRead text export (B3 current, B2 older, B1 best effort)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studykit.sources import detect_format, parse_text
from studykit.sources.normalize import decode
from studykit.sources.weread_text import parse

FIXTURES = Path(__file__).parent / "fixtures" / "weread_text"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def summary(book):
    return [(h.chapter, h.text, h.note, h.created_at) for h in book.highlights]


# --- B3 -----------------------------------------------------------------------------


def test_b3_book_header_and_format():
    [book] = parse(load("b3_book.txt"), "b3_book.txt")
    assert book.title == "PyTorch 张量手记"
    assert book.author == "周小川"
    assert book.source_format == "weread-text"


def test_b3_highlights_chapters_and_thoughts():
    [book] = parse(load("b3_book.txt"), "b3_book.txt")
    assert summary(book) == [
        (
            "第一章 张量基础",
            "张量是 PyTorch 中最基本的数据结构。",
            "和 NumPy 的数组很像，只是多了设备和梯度。",
            "2024-05-01",
        ),
        (
            "第一章 张量基础",
            "视图与原张量共享同一块内存，\n修改其中一个会影响另一个。",
            "先写想法，再看到这段划线。",
            "2024-05-02",
        ),
        (
            "2",
            "调用 backward() 之后，梯度会累积在 .grad 属性里。",
            "第一次读：训练循环里要记得清零。\n\n重读：optimizer.zero_grad() 就是做这件事的。",
            "2024-05-03",
        ),
        ("第三章 自动求导", "[插图]", None, None),
        (
            "第三章 自动求导",
            "计算图在前向传播时动态构建。",
            "动态图让调试变得直观。\n可以直接用 print 查看中间结果。",
            "2024-05-06",
        ),
    ]


def test_b3_chapter_fields():
    [book] = parse(load("b3_book.txt"), "b3_book.txt")
    first = book.highlights[0]
    assert first.chapter_path == ("第一章 张量基础",)
    assert first.chapter_level == 1
    assert book.highlights[2].chapter_path == ("2",)


def test_b3_book_review_and_chapter_note():
    [book] = parse(load("b3_book.txt"), "b3_book.txt")
    assert [(n.scope, n.chapter, n.text, n.created_at) for n in book.notes] == [
        ("book", "", "认为好看\n从张量讲到自动求导，例子短小，适合边读边敲。", "2024-05-20"),
        ("chapter", "2", "这一章的例子都可以放到 GPU 上再跑一遍。", "2024-05-04"),
    ]


def test_b3_footer_is_not_a_highlight():
    [book] = parse(load("b3_book.txt"), "b3_book.txt")
    assert all("来自微信读书" not in h.text for h in book.highlights)
    assert all("来自微信读书" not in n.text for n in book.notes)


def test_b3_single_blank_lines_fallback_chapters():
    [book] = parse(load("b3_single_blank.txt"), "b3_single_blank.txt")
    assert (book.title, book.author) == ("优化器小册", "韩青")
    assert summary(book) == [
        ("4", "随机梯度下降每次只用一个小批量来估计梯度。", None, None),
        ("4", "学习率太大时，\n损失会在最小值附近来回震荡。", None, None),
        (
            "11",
            "动量项可以看成对过去梯度的指数滑动平均。",
            "和物理里的惯性类比很好记。",
            "2024-06-01",
        ),
        ("第五章 自适应方法", "Adam 同时维护一阶矩和二阶矩的估计。", None, None),
        ("学习率预热", "训练初期用较小的学习率可以让模型更稳定。", None, None),
    ]
    assert book.notes == []


def test_b3_doc_example_without_header_count():
    text = "◆ 清晨的雾还没有散。\n\n◆ 2024/03/01发表想法\n\n喜欢这句。\n\n原文：山路慢慢展开。\n"
    [book] = parse(text, "notes/山中.txt")
    assert book.title == "山中"
    assert summary(book) == [
        ("", "清晨的雾还没有散。", None, None),
        ("", "山路慢慢展开。", "喜欢这句。", "2024-03-01"),
    ]
    assert book.highlights[0].chapter_path == ()
    assert book.highlights[0].chapter_level == 0


def test_b3_bilingual_quote_is_one_passage():
    text = (
        "◆ 2024/03/01发表想法\n\n好记的定义。\n\n原文：A tensor is an n-dimensional array.\n\n"
        "原文：张量是 n 维数组。\n"
    )
    [book] = parse(text, "bi.txt")
    assert summary(book) == [
        ("", "A tensor is an n-dimensional array.\n张量是 n 维数组。", "好记的定义。", "2024-03-01")
    ]


def test_b3_orphan_quote_is_kept_as_highlight():
    [book] = parse("◆ 第一条。\n\n原文：没有想法的原文。\n", "o.txt")
    assert [h.text for h in book.highlights] == ["第一条。", "没有想法的原文。"]


# --- B2 / B1 ------------------------------------------------------------------------


def test_b2_book():
    [book] = parse(load("b2_book.txt"), "b2_book.txt")
    assert (book.title, book.author) == ("动手写神经网络", "林小北")
    assert summary(book) == [
        ("第一章 张量", "张量可以看作带有设备信息的多维数组。", None, None),
        ("第一章 张量", "常见的创建函数有：\ntorch.zeros\ntorch.ones", None, None),
        (
            "第一章 张量",
            "形状不同的张量在运算时会自动广播。",
            "广播规则要多练习，\n最好自己画一画形状。",
            "2024-03-05",
        ),
        ("3.3 模型", "3.3 模型", None, None),
        ("3.3 模型", "[插图]", None, None),
        ("3.3 模型", "模块通过 forward 方法定义前向计算。", "没有日期的一条想法。", None),
    ]


def test_b2_review_is_a_book_note():
    [book] = parse(load("b2_book.txt"), "b2_book.txt")
    assert [(n.scope, n.text) for n in book.notes] == [
        ("book", "点评:★★★★☆\n入门很友好，每个例子都能在笔记本上跑通。")
    ]


def test_b2_dated_thought_without_passage_is_a_chapter_note():
    text = "书\n作者\n1个笔记\n\n◆ 第一章\n\n2024/3/5 发表想法\n整章都在讲张量。\n\n◆ 第二章\n\n>> 一条划线。\n"
    [book] = parse(text, "x.txt")
    assert [(n.scope, n.chapter, n.text, n.created_at) for n in book.notes] == [
        ("chapter", "第一章", "整章都在讲张量。", "2024-03-05")
    ]
    assert summary(book) == [("第二章", "一条划线。", None, None)]


def test_b1_thought_before_highlight():
    text = "《旧版书》\n旧版作者\n\n◆ 第一章\n\n读到这里想起了反向传播>链式法则把梯度逐层传回去\n\n整章的感想\n"
    [book] = parse(text, "old.txt")
    assert (book.title, book.author) == ("旧版书", "旧版作者")
    assert summary(book) == [("第一章", "链式法则把梯度逐层传回去", "读到这里想起了反向传播", None)]
    assert [(n.scope, n.chapter, n.text) for n in book.notes] == [
        ("chapter", "第一章", "整章的感想")
    ]


# --- several books, encodings ------------------------------------------------------


def test_two_books_in_one_file():
    books = parse(load("two_books.txt"), "two_books.txt")
    assert [(b.title, b.author, len(b.highlights)) for b in books] == [
        ("卷积网络入门", "陈一鸣", 2),
        ("循环网络笔记", "王二", 2),
    ]
    assert books[1].highlights[0].chapter == "第二章 循环结构"


@pytest.mark.parametrize("name", ["b3_book.txt", "b2_book.txt", "b3_single_blank.txt"])
def test_crlf_and_bom_through_parse_text(name):
    plain = load(name)
    data = codecs.BOM_UTF8 + plain.replace("\n", "\r\n").encode("utf-8")
    books = parse_text(decode(data, name), name)
    expected = parse_text(plain, name)
    assert [summary(b) for b in books] == [summary(b) for b in expected]
    assert [b.title for b in books] == [b.title for b in expected]
    assert all(h.id for b in books for h in b.highlights)


@pytest.mark.parametrize(
    "name", ["b3_book.txt", "b3_single_blank.txt", "b2_book.txt", "two_books.txt"]
)
def test_fixtures_are_detected_as_weread_text(name):
    assert detect_format(load(name)) == "weread-text"


def test_marked_lines_before_the_first_header_become_their_own_book():
    text = "◆ 孤立的划线。\n\n《正式的书》\n\n作者甲\n1个笔记\n\n\n第一章\n\n◆ 正文划线。\n"
    books = parse(text, "pasted.txt")
    assert [(b.title, [h.text for h in b.highlights]) for b in books] == [
        ("pasted", ["孤立的划线。"]),
        ("正式的书", ["正文划线。"]),
    ]


def test_glued_b2_run_without_header():
    text = (
        "网页上的一段介绍文字◆ 第一章 张量>> 第一条划线。>> 第二条划线。◆ 第二章 梯度>> 第三条。\n"
    )
    assert detect_format(text) == "weread-text"
    [book] = parse_text(text, "page.txt")
    assert book.title == "page"
    assert summary(book) == [
        ("第一章 张量", "第一条划线。", None, None),
        ("第一章 张量", "第二条划线。", None, None),
        ("第二章 梯度", "第三条。", None, None),
    ]


def test_glued_b2_run_recovers_title_from_page():
    text = (
        "某读书网站\n\n卷积与池化\n\n作者：赵六\n\n很实用的一本小书。卷积与池化赵六3个笔记"
        "◆ 第一章>> 卷积共享权重。>> 池化没有参数。◆ 第二章>> 步幅决定输出尺寸。\n\n网页页脚\n"
    )
    [book] = parse_text(text, "page.txt")
    assert (book.title, book.author) == ("卷积与池化", "赵六")
    assert [h.text for h in book.highlights] == [
        "卷积共享权重。",
        "池化没有参数。",
        "步幅决定输出尺寸。",
    ]
    assert book.notes == []


def test_ordinary_b3_line_with_shift_operator_is_not_split():
    [book] = parse("◆ 位运算 x >> 2 等于除以四。\n\n-- 来自微信读书\n", "s.txt")
    assert [h.text for h in book.highlights] == ["位运算 x >> 2 等于除以四。"]


# --- the real-world sample --------------------------------------------------------


SEED_004 = SEEDS / "004_3e3f31731b0a9565.txt"


@pytest.mark.skipif(not SEED_004.exists(), reason="seeds folder not available")
def test_seed_004_glued_b2_export():
    text = SEED_004.read_text(encoding="utf-8")
    books = parse_text(text, SEED_004.name)
    assert len(books) == 1
    book = books[0]
    assert book.source_format == "weread-text"
    assert len(book.highlights) == 20
    assert book.title != SEED_004.stem
    assert "读后感" not in book.title
    assert len({h.chapter for h in book.highlights}) == 11
    assert all(h.chapter for h in book.highlights)
    assert all(">>" not in h.text and "◆" not in h.text for h in book.highlights)


# --- robustness ---------------------------------------------------------------------

TOKENS = [
    "◆ ",
    "◆",
    ">> ",
    ">>",
    ">",
    "\n",
    "\n\n",
    "\n\n\n",
    "原文：",
    "原文:",
    "发表想法",
    "2024/03/01",
    "2024/3/1 ",
    "点评",
    "认为好看",
    "《",
    "》",
    "3个笔记",
    "-- 来自微信读书",
    "[插图]",
    "张量",
    "，",
    "。",
    " ",
    "\u3000",
    "7",
    "第一章 ",
]
FIXTURE_NAMES = ["b3_book.txt", "b3_single_blank.txt", "b2_book.txt", "two_books.txt"]


def check(text: str) -> None:
    for book in parse(text, "fuzz.txt"):
        assert book.title
        for h in book.highlights:
            assert h.text.strip()


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    check(text)


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_never_raises_on_marker_soup(text):
    check(text)


@settings(deadline=None, max_examples=300)
@given(
    st.sampled_from(FIXTURE_NAMES),
    st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=200)), max_size=12),
)
def test_never_raises_on_mutated_fixtures(name, edits):
    lines = load(name).split("\n")
    for duplicate, position in edits:
        if not lines:
            break
        i = position % len(lines)
        if duplicate:
            lines.insert(i, lines[i])
        else:
            del lines[i]
    check("\n".join(lines))
