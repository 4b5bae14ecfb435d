"""The Obsidian WeRead plugin parser: V1/V2/V3 layouts, 读书笔记 repeats, reviews, robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studykit.sources import Book, detect_format, parse_text
from studykit.sources.normalize import normalise
from studykit.sources.weread_obsidian import INTERNAL_ERROR, parse

FIXTURES = Path(__file__).parent / "fixtures" / "weread_obsidian"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("*.md"))


def load(name: str) -> Book:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    books = parse_text(text, name)
    assert len(books) == 1
    assert books[0].source_format == "weread-obsidian"
    return books[0]


def texts(book: Book) -> list[str]:
    return [h.text for h in book.highlights]


def by_text(book: Book, prefix: str):
    matches = [h for h in book.highlights if h.text.startswith(prefix)]
    assert len(matches) == 1, [h.text for h in book.highlights]
    return matches[0]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_fixture_is_detected_as_obsidian(name):
    text = normalise((FIXTURES / name).read_text(encoding="utf-8"))
    assert detect_format(text) == "weread-obsidian"


# ---- V1 -----------------------------------------------------------------------------------


def test_v1_layout_highlights_ids_times_and_metadata():
    book = load("v1_layout.md")
    assert book.title == "张量之旅：PyTorch入门"
    assert book.author == "林知远"
    assert book.weread_id == "3300112"
    assert book.warnings == []
    assert texts(book) == [
        "张量是PyTorch中最基本的数据结构，可以看作带有设备和类型信息的多维数组。",
        "调用view之前要保证张量在内存中是连续的，\n否则需要先调用contiguous()。",
        "[插图]",
        "·",
        "叶子节点的梯度会累加到grad属性中，每次反向传播前要先清零。",
    ]
    first = book.highlights[0]
    assert first.block_id == "3300112-5-120-156"
    assert first.id == "3300112-5-120-156"
    assert first.created_at == "2022-08-01 21:03:11"
    assert (first.chapter, first.chapter_path, first.chapter_level) == (
        "第1章 张量基础",
        ("第1章 张量基础",),
        1,
    )
    assert [h.note for h in book.highlights[:4]] == [None, None, None, None]


def test_v1_highlight_with_a_thought_is_created_from_the_notes_section():
    book = load("v1_layout.md")
    only_in_notes = book.highlights[-1]
    assert only_in_notes.chapter == "第2章 自动求导"
    assert only_in_notes.chapter_path == ("第2章 自动求导",)
    assert only_in_notes.chapter_level == 1
    assert only_in_notes.block_id == "58120033-7hIjK1lMn"
    assert only_in_notes.note == "忘记zero_grad是我最常犯的错误。"
    assert only_in_notes.created_at == "2022-08-03 08:05:31"


def test_v1_chapter_review_and_book_review_are_notes_not_highlights():
    book = load("v1_layout.md")
    chapter_note, book_note = book.notes
    assert chapter_note.scope == "chapter"
    assert chapter_note.text == "这一章把计算图讲得很清楚，值得再读一遍。"
    assert chapter_note.chapter == "第2章 自动求导"
    assert chapter_note.block_id == "58120033-7aBcD0eFg"
    assert chapter_note.created_at == "2022-08-05 22:15:00"
    assert book_note.scope == "book"
    assert book_note.chapter == ""
    assert book_note.text == (
        "### 总体感受\n入门友好，例子都能直接运行。\n\n- 优点：代码短小\n- 缺点：分布式训练讲得少"
    )
    assert book_note.block_id == "58120033-7pQrS2tUv"
    assert book_note.created_at == "2022-08-14 10:00:00"
    assert not any("总体感受" in t or "计算图讲得" in t for t in texts(book))


def test_v1_notes_section_reuses_the_full_path_of_a_nested_chapter():
    text = """# 高亮划线
## 第4章 循环网络
### 4.2 长短期记忆
- 📌 遗忘门决定细胞状态里哪些信息被丢弃。 ^1-42-1-20
    - ⏱ 2022-10-01 10:00:00
# 读书笔记
## 4.2 长短期记忆
### 划线评论
- 📌 输入门决定哪些新信息写入细胞状态。  ^900-abc
    - 💭 和遗忘门一起看更好懂。
    - ⏱ 2022-10-01 10:05:00
"""
    book = parse_text(text, "lstm.md")[0]
    created = book.highlights[1]
    assert created.text == "输入门决定哪些新信息写入细胞状态。"
    assert created.chapter_path == ("第4章 循环网络", "4.2 长短期记忆")
    assert created.chapter_level == 2
    assert created.note == "和遗忘门一起看更好懂。"


# ---- V2 -----------------------------------------------------------------------------------


def test_v2_layout_ids_cb_book_and_frontmatter():
    book = load("v2_layout.md")
    assert book.title == "卷积网络实战笔记"  # frontmatter wins over 元数据
    assert book.author == "周明远"
    assert book.weread_id == "CB_7Tx9Qm2LpZ4"
    assert book.warnings == []
    assert [h.block_id for h in book.highlights] == [
        "CB-7Tx9Qm2LpZ4-31-210-245",
        "CB-7Tx9Qm2LpZ4-31-400-436",
        "CB-7Tx9Qm2LpZ4-32-15-33",
        "CB-7Tx9Qm2LpZ4-32-60-101",
        "CB-7Tx9Qm2LpZ4-90-5-52",
    ]
    assert [h.created_at for h in book.highlights] == [
        "2024-05-02 20:11:09",
        "2024-05-02 20:15:40",
        "2024-05-03 07:40:00",
        "2024-05-03 07:45:12",
        "2024-05-20 23:59:59",
    ]


def test_v2_thought_on_one_line_is_attached_once():
    book = load("v2_layout.md")
    highlight = by_text(book, "输出尺寸等于")
    assert highlight.text == "输出尺寸等于输入尺寸加两倍填充减卷积核大小，再除以步幅后加一。"
    assert highlight.note == "这个公式要背下来，做形状推导时天天用。"


def test_v2_thought_split_over_two_lines_is_attached_once():
    highlight = by_text(load("v2_layout.md"), "步幅为2时")
    assert highlight.note == "配合padding=1，3×3卷积刚好让尺寸减半。"
    assert highlight.created_at == "2024-05-03 07:40:00"


def test_v2_multi_line_highlight_keeps_its_line_break_without_indent():
    highlight = by_text(load("v2_layout.md"), "填充可以")
    assert (
        highlight.text
        == "填充可以让卷积后的特征图保持原来的空间大小，\n这样深层网络就不会越算越小。"
    )
    assert highlight.note is None


def test_v2_first_build_with_id_on_the_pin_line_and_a_list_time():
    highlight = by_text(load("v2_layout.md"), "torch.nn.Conv2d")
    assert highlight.block_id == "CB-7Tx9Qm2LpZ4-90-5-52"
    assert highlight.created_at == "2024-05-20 23:59:59"


def test_chapter_levels_paths_ideographic_spaces_and_hash_titles():
    book = load("v2_layout.md")
    places = [(h.chapter, h.chapter_path, h.chapter_level) for h in book.highlights]
    chapter3, section31, section311 = "第3章　卷积神经网络", "3.1　卷积层", "3.1.1　步幅与填充"
    assert places == [
        (section31, (chapter3, section31), 2),
        (section31, (chapter3, section31), 2),
        (section311, (chapter3, section31, section311), 3),
        (section311, (chapter3, section31, section311), 3),
        ("#附录", ("#附录",), 1),
    ]


def test_v2_chapter_review_and_book_review():
    book = load("v2_layout.md")
    assert [(n.scope, n.chapter, n.text, n.block_id, n.created_at) for n in book.notes] == [
        (
            "chapter",
            "3.1.1　步幅与填充",
            "步幅和填充这一节的配图很好懂。",
            "61234567-8EfGh0IjK",
            "2024-05-03 08:00:00",
        ),
        ("book", "", "一本把卷积讲透的小书。", "61234567-8StUv2WxY", "2024-05-21 09:30:00"),
    ]
    assert len(book.highlights) == 5  # the 读书笔记 repeats added no highlight


# ---- V3 -----------------------------------------------------------------------------------


def test_v3_wrapper_is_stripped_and_text_may_contain_brackets():
    book = load("v3_layout.md")
    assert texts(book) == [
        "一个训练步骤包括前向计算、求损失、反向传播和参数更新四步。",
        "学习率预热能避免训练初期的损失突然发散。",
        "用x[:, 0]取出第一列，右方括号]也可能单独出现。",
        "梯度裁剪把梯度的范数限制在阈值以内。\n它常和学习率预热一起使用。",
        "[插图]",
    ]
    assert [h.block_id for h in book.highlights] == [
        "4455667-51-100-131",
        "4455667-51-300-320",
        "4455667-51-400-424",
        "4455667-62-10-50",
        "4455667-62-60-61",
    ]
    assert book.notes == []


def test_v3_thought_lines_with_one_space_and_no_quote():
    book = load("v3_layout.md")
    warmup = by_text(book, "学习率预热")
    assert warmup.note == "预热步数一般取总步数的百分之几。"
    assert warmup.created_at == "2026-05-10 19:25:30"
    image = book.highlights[-1]
    assert image.note == "这张图画的是损失曲线，\n先快速下降再趋于平稳。"
    assert image.created_at == "2026-05-11 08:05:00"


def test_v3_with_popular_highlights_skips_other_readers():
    book = load("v3_popular.md")
    assert texts(book) == [
        "注意力权重由查询和键的点积经过softmax得到。",
        "多头注意力让模型在不同的子空间里分别关注信息。",
    ]
    pinned_and_popular, with_thought = book.highlights
    assert pinned_and_popular.block_id == "5566778-61-20-45"
    assert pinned_and_popular.created_at == "2026-06-01 10:00:00"
    assert pinned_and_popular.note is None
    assert with_thought.block_id == "5566778-61-80-103"
    assert with_thought.note == "可以类比卷积里的多个输出通道。"
    assert book.notes == []


# ---- mixed layouts, multi-line text --------------------------------------------------------


def test_mixed_layouts_in_one_file():
    book = load("mixed_layouts.md")
    assert [(h.block_id, h.chapter_level) for h in book.highlights] == [
        ("6677889-11-10-30", 1),
        ("6677889-11-40-62", 1),
        ("6677889-11-70-91", 1),
        ("6677889-13-5-60", 3),
        ("6677889-13-70-84", 3),
        ("6677889-13-90-120", 3),
        ("6677889-21-3-24", 1),
    ]
    assert texts(book)[:3] == [
        "SGD加动量相当于给参数更新加上了惯性。",
        "Adam为每个参数维护一阶矩和二阶矩的估计。",
        "AdamW把权重衰减从梯度更新里解耦出来。",
    ]
    assert by_text(book, "Dropout").note == "推理时记得调用model.eval()。"
    assert (
        by_text(book, "每个epoch").note == "注意要在optimizer.step()之后调用，\n顺序反了会有警告。"
    )


def test_multi_paragraph_highlight_keeps_paragraphs_and_a_deep_chapter():
    highlight = by_text(load("mixed_layouts.md"), "余弦退火")
    assert (
        highlight.text
        == "余弦退火让学习率先缓慢下降，\n在训练末期接近零。\n\n重启之后学习率会重新升高。"
    )
    assert highlight.chapter_path == ("第1章 优化器", "1.2 学习率调度", "1.2.1 余弦退火")
    assert highlight.chapter == "1.2.1 余弦退火"


def test_lazy_continuation_without_indent_is_joined():
    text = """# 高亮划线
## 第1章
> 📌 第一行没有缩进的续行
第二行接在后面
> ⏱ 2024-01-02 03:04:05 ^1-2-3-4
"""
    (highlight,) = parse_text(text, "lazy.md")[0].highlights
    assert highlight.text == "第一行没有缩进的续行\n第二行接在后面"
    assert highlight.block_id == "1-2-3-4"


def test_multi_paragraph_thought_is_not_duplicated_by_the_notes_section():
    text = """# 高亮划线
## 第2章
> 📌 批归一化在每个小批量上标准化激活值。 ^1-20-5-25
- 💭 第一段想法，

   第二段想法。 - ⏱ 2024-03-03 10:00:00
# 读书笔记
## 第2章
### 划线评论
> 📌 批归一化在每个小批量上标准化激活值。  ^77-xyz
    - 💭 第一段想法，

   第二段想法。
    - ⏱ 2024-03-03 10:00:00
"""
    (highlight,) = parse_text(text, "bn.md")[0].highlights
    assert highlight.note == "第一段想法，\n\n第二段想法。"
    assert highlight.created_at == "2024-03-03 10:00:00"


def test_notes_section_matches_highlights_ignoring_whitespace():
    text = """# 高亮划线
## 第1章
> 📌 残差连接让梯度 可以直接
   流回浅层。
> ⏱ 2024-01-01 00:00:00 ^1-10-1-20
# 读书笔记
## 第1章
### 划线评论
> 📌 残差连接让梯度可以直接流回浅层。  ^88-abc
    - 💭 ResNet的核心。
    - ⏱ 2024-01-01 00:01:00
"""
    (highlight,) = parse_text(text, "res.md")[0].highlights
    assert highlight.block_id == "1-10-1-20"
    assert highlight.note == "ResNet的核心。"


def test_separated_theme_thought_before_its_highlight():
    text = """---
doc_type: weread-highlights-reviews
bookId: "9"
title: 分离式主题
---
# 我的划线
## 第1章
> 📌 [学习率是最重要的超参数。](<weread://bestbookmark?bookId=9&chapterUid=1&rangeStart=1&rangeEnd=12>)   ^9-1-1-12
# 我的笔记
## 第1章 的想法
先调学习率再调别的。
> 📌 学习率是最重要的超参数。

"""
    (highlight,) = parse_text(text, "sep.md")[0].highlights
    assert highlight.text == "学习率是最重要的超参数。"
    assert highlight.block_id == "9-1-1-12"
    assert highlight.note == "先调学习率再调别的。"


def test_weread_official_theme_inside_obsidian():
    book = load("official_theme.md")
    assert book.title == "图解扩散模型"
    assert [
        (h.text, h.chapter_path, h.block_id, h.created_at, h.note) for h in book.highlights
    ] == [
        (
            "前向过程每一步都往图像里加入少量高斯噪声。",
            ("第2章 前向加噪",),
            "2233445-21-30-52",
            None,
            None,
        ),
        (
            "噪声调度通常用beta表示。",
            ("第2章 前向加噪",),
            "2233445-21-60-73",
            "2026-04-28 22:10:00",
            "噪声调度决定了每一步加多少噪声，\n线性调度最简单。",
        ),
        (
            "反向过程训练一个网络来预测加入的噪声。",
            ("第2章 前向加噪", "2.1 反向去噪"),
            "2233445-22-5-24",
            None,
            None,
        ),
    ]
    (review,) = book.notes
    assert (review.scope, review.text, review.created_at) == (
        "book",
        "图很多，公式推导也清楚。",
        "2026-04-30 21:00:00",
    )


# ---- frontmatter and titles -----------------------------------------------------------------


def test_broken_frontmatter_keeps_highlights_and_warns():
    book = load("broken_frontmatter.md")
    assert len(book.warnings) == 1
    assert "frontmatter is not valid YAML" in book.warnings[0]
    assert book.title == "深度学习花书导读"  # from the 元数据 callout
    assert book.author == "[美] 伊恩·古德费洛"
    assert book.weread_id == "7788990"
    assert texts(book) == [
        "反向传播只是计算梯度的一种高效方法，而不是整个学习算法。",
        "隐藏单元的设计是一个非常活跃的研究领域。",
    ]


def test_unclosed_frontmatter_keeps_highlights_and_warns():
    text = """---
doc_type: weread-highlights-reviews
bookId: "123"
title: 没有闭合的元数据
# 高亮划线
## 第1章
- 📌 激活函数给网络带来非线性。 ^123-1-1-12
    - ⏱ 2022-01-01 00:00:00
"""
    book = parse_text(text, "open.md")[0]
    assert book.title == "没有闭合的元数据"
    assert book.weread_id == "123"
    assert texts(book) == ["激活函数给网络带来非线性。"]
    assert len(book.warnings) == 1
    assert "no closing" in book.warnings[0]


BODY = """# 高亮划线
## 第1章
- 📌 权重初始化会影响训练能否收敛。 ^5-1-1-15
    - ⏱ 2022-01-01 00:00:00
"""


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("---\ntitle: 前置元数据标题\n---\n# 元数据\n> [!abstract] 元数据标题\n", "前置元数据标题"),
        ("---\ntitle: 1984\n---\n", "1984"),
        ("---\nbookId: 5\n---\n# 元数据\n> [!abstract] 元数据标题\n", "元数据标题"),
        ("---\ntitle: a: b\n---\n# 元数据\n> [!abstract] 元数据标题\n", "a: b"),
        ("# 元数据\n> - 书名： 书名行标题\n> - 作者： 某人\n", "书名行标题"),
        ("# 元数据\n> [!abstract] \u3000\n", "文件名标题"),  # a blank title (U+3000) is none
        ("# 元数据\n> - 书名：\u00a0\n", "文件名标题"),
        ("---\nbookId: 5\n---\n", "文件名标题"),
        ("", "文件名标题"),
    ],
)
def test_title_fallbacks(head, expected):
    book = parse_text(head + BODY, "文件名标题.md")[0]
    assert book.title == expected
    assert texts(book) == ["权重初始化会影响训练能否收敛。"]


def test_numeric_and_quoted_book_ids_are_strings():
    unquoted = parse_text("---\nbookId: 858204\n---\n" + BODY, "a.md")[0]
    quoted = parse_text('---\nbookId: "858204"\n---\n' + BODY, "a.md")[0]
    assert unquoted.weread_id == quoted.weread_id == "858204"


def test_author_from_metadata_when_frontmatter_has_none():
    book = parse_text("# 元数据\n> - 书名： 某书\n> - 作者： 王小明\n" + BODY, "x.md")[0]
    assert book.author == "王小明"


# ---- robustness ---------------------------------------------------------------------------


def test_garbage_and_half_files_do_not_raise():
    whole = (FIXTURES / "v2_layout.md").read_text(encoding="utf-8")
    for cut in range(0, len(whole), 7):
        for book in parse(normalise(whole[:cut]), "half.md"):
            assert all(h.text.strip() for h in book.highlights)
            assert not any(INTERNAL_ERROR in w for w in book.warnings)


def test_popular_count_id_is_never_taken_as_a_highlight():
    text = "> 🔥 [别人的划线](<weread://x>)\n> 📊 3 人共读 ^1-2-3-4\n> ⏱ 2024-01-01 00:00:00 ^9-9-9-9\n"
    assert parse(text, "p.md")[0].highlights == []


def check_parse(text: str) -> None:
    books = parse(text, "fuzz.md")
    assert len(books) == 1
    book = books[0]
    assert book.source_format == "weread-obsidian"
    assert all(h.text.strip() for h in book.highlights)
    assert not any(INTERNAL_ERROR in w for w in book.warnings)


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_parse_never_raises_on_arbitrary_text(text):
    check_parse(text)  # even text that skipped normalisation
    check_parse(normalise(text))


FIXTURE_LINES = {
    name: (FIXTURES / name).read_text(encoding="utf-8").split("\n") for name in FIXTURE_NAMES
}
MARKER_LINES = ["> 📌", "- 📌 ", " 💭", "> ⏱ ^", "# 读书笔记", "# 本书评论", "## 书评 No.1", "---"]


@st.composite
def mutated_fixture(draw):
    lines = list(FIXTURE_LINES[draw(st.sampled_from(FIXTURE_NAMES))])
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "swap"]))
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "delete" and lines:
            del lines[index]
        elif op == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif op == "insert":
            extra = draw(st.one_of(st.sampled_from(MARKER_LINES), st.text(max_size=20)))
            lines.insert(index, extra)
        elif lines:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines)


@settings(deadline=None, max_examples=300)
@given(mutated_fixture())
def test_parse_never_raises_on_mutated_fixtures(text):
    check_parse(normalise(text))


def test_parsing_a_large_export():
    # how fast: bench/import_bench.py (a test must not depend on machine speed)
    block = """## 第{n}章 批量训练
> 📌 第{n}条划线：数据加载器按批次把样本送进模型，
   每个批次都要先把张量搬到同一个设备上。 ^12345-{n}-100-160
- 💭 第{n}条想法：别忘了pin_memory。 - ⏱ 2024-05-02 20:15:40
> 📌 [第{n}条短划线。](<weread://bestbookmark?bookId=12345&chapterUid={n}&rangeStart=1&rangeEnd=9>)
> ⏱ 2024-05-02 20:11:09 ^12345-{n}-1-9
"""
    text = '---\nbookId: "12345"\ntitle: 速度\n---\n# 高亮划线\n' + "".join(
        block.format(n=n) for n in range(2500)
    )
    (book,) = parse(text, "speed.md")
    assert len(book.highlights) == 5000


# ---- real-world seeds ---------------------------------------------------------------------


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds is not available")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is not available")
    return matches[0]


def test_seed_000_v1_export():
    path = seed("000")
    (book,) = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert book.title == "PyTorch深度学习"
    assert len(book.highlights) == 13
    assert book.warnings == []
    assert all(h.block_id and h.created_at and h.chapter for h in book.highlights)


def test_seed_001_v1_export_with_junk_highlights():
    path = seed("001")
    (book,) = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert len(book.highlights) == 108
    assert book.warnings == []
    assert "[插图]" in texts(book)
    assert "·" in texts(book)
    assert len({h.id for h in book.highlights}) == 108
