"""Markdown study notes and plain-text notes scraped from web pages."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from studykit.sources import detect_format, parse_text, scraped_page
from studykit.sources.markdown_notes import looks_like_markdown, parse
from studykit.sources.normalize import normalise

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CHROME = ("广告", "返回顶部", "分享到")


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse_one(text: str, name: str = "notes.md"):
    [book] = parse(text, name)
    return book


def parse_page(text: str, name: str = "page.txt"):
    [book] = scraped_page.parse(text, name)
    return book


def summary(book):
    return [(h.text, h.chapter_path, h.chapter_level) for h in book.highlights]


# --- Markdown: structure ------------------------------------------------------------


def test_frontmatter_gives_title_and_author():
    book = parse_one(load("training_loop.md"), "training_loop.md")
    assert book.title == "PyTorch 训练循环手记"
    assert book.author == "林一舟"
    assert book.source_format == "markdown"
    assert book.warnings == []


def test_headings_lists_paragraphs_quotes_and_tables():
    book = parse_one(load("training_loop.md"), "training_loop.md")
    part1, tensors = "第一部分 基础", "1.1 张量"
    grads, no_grad = "1.2 梯度", "1.2.1 关闭梯度"
    assert summary(book) == [
        ("开篇的一段话：**训练循环**只有四步。", (part1,), 1),
        ("张量是多维数组，torch.tensor([1, 2]) 直接从列表创建。", (part1, tensors), 2),
        ("常用属性", (part1, tensors), 2),
        ("x.shape 给出形状", (part1, tensors), 2),
        ("x.dtype 给出元素类型", (part1, tensors), 2),
        ('设备之间搬运用 to 方法：x.to("cuda")', (part1, tensors), 2),
        ("梯度默认会累加，每一步之前都要清零。", (part1, grads), 2),
        ("这也是最常见的错误之一。", (part1, grads), 2),
        (
            "optimizer.zero_grad()\nloss = criterion(model(x), y)\nloss.backward()\n"
            "optimizer.step()",
            (part1, grads),
            2,
        ),
        ("推理时用 torch.no_grad() 包住前向计算，\n可以省下显存。", (part1, grads, no_grad), 3),
        ("with torch.no_grad():\n    pred = model(x)", (part1, grads, no_grad), 3),
        ("nn.Linear | 全连接", ("第二部分 模型",), 1),
        ("nn.ReLU | 激活", ("第二部分 模型",), 1),
        ("print(model)", ("第二部分 模型",), 1),
    ]
    assert all(h.chapter == h.chapter_path[-1] for h in book.highlights)


def test_code_blocks_stay_whole_with_their_language():
    book = parse_one(load("training_loop.md"), "training_loop.md")
    code = [(h.text.splitlines()[0], h.language) for h in book.highlights if h.kind == "code"]
    assert code == [
        ("optimizer.zero_grad()", "python"),  # ```python fence
        ("with torch.no_grad():", None),  # indented code block
        ("print(model)", None),  # fence without an info string
    ]
    text_kinds = {h.kind for h in book.highlights if "```" in h.text}
    assert text_kinds == set()  # the fences themselves never reach the text


def test_inline_code_is_kept_without_backticks():
    book = parse_one("## 优化器\n\n每步先调 `optimizer.zero_grad()`，再 **反向传播**。\n")
    assert summary(book) == [("每步先调 optimizer.zero_grad()，再 **反向传播**。", ("优化器",), 1)]


def test_sole_leading_h1_is_the_title_and_h2_is_level_one():
    book = parse_one(load("autograd_notes.md"), "autograd_notes.md")
    assert book.title == "自动求导笔记"
    assert summary(book) == [
        ("每个由运算得到的张量都记着 grad_fn。", ("计算图",), 1),
        ("调用 loss.backward()", ("反向传播",), 1),
        ("读取 w.grad", ("反向传播",), 1),
        ("w.grad.zero_()", ("反向传播",), 1),
    ]
    assert book.highlights[-1].kind == "code"
    assert book.highlights[-1].language is None  # ~~~ fence without info


def test_several_h1_are_chapters_and_the_file_stem_is_the_title():
    text = "# 张量\n\n形状很重要。\n\n# 模块\n\n## 参数\n\n权重在 `parameters()` 里。\n"
    book = parse_one(text, "notes/深度学习.md")
    assert book.title == "深度学习"
    assert summary(book) == [
        ("形状很重要。", ("张量",), 1),
        ("权重在 parameters() 里。", ("模块", "参数"), 2),
    ]


def test_h1_after_other_content_is_a_chapter_not_the_title():
    book = parse_one("前言一句。\n\n# 卷积\n\n卷积核在输入上滑动。\n", "cnn.md")
    assert book.title == "cnn"
    assert summary(book) == [("前言一句。", (), 0), ("卷积核在输入上滑动。", ("卷积",), 1)]


def test_nested_items_are_separate_and_a_loose_item_keeps_its_paragraphs():
    text = (
        "## 激活函数\n\n"
        "- ReLU\n\n  把负数变成 0。\n\n  - 变体 LeakyReLU\n- Sigmoid 输出在 0 到 1 之间\n"
    )
    assert summary(parse_one(text)) == [
        ("ReLU\n把负数变成 0。", ("激活函数",), 1),
        ("变体 LeakyReLU", ("激活函数",), 1),
        ("Sigmoid 输出在 0 到 1 之间", ("激活函数",), 1),
    ]


def test_images_alone_are_skipped_and_links_become_their_text():
    text = "## 图\n\n![损失曲线](loss.png)\n\n见 [官方文档](https://pytorch.org) ![](a.png)\n"
    assert summary(parse_one(text)) == [("见 官方文档", ("图",), 1)]


def test_broken_frontmatter_warns_and_the_notes_still_import():
    book = parse_one(load("broken_frontmatter.md"), "broken_frontmatter.md")
    assert book.title == "broken_frontmatter"
    assert book.author is None
    assert len(book.warnings) == 1
    assert book.warnings[0].startswith("broken_frontmatter.md: frontmatter is not valid YAML")
    assert summary(book) == [("DataLoader 负责分批与打乱。", ("数据加载",), 1)]


def test_frontmatter_title_wins_over_the_leading_h1():
    text = "---\ntitle: 手记\nauthor: [甲, 乙]\n---\n# 自动求导\n\n## 图\n\n正文。\n"
    book = parse_one(text)
    assert (book.title, book.author) == ("手记", "甲, 乙")
    assert summary(book) == [("正文。", ("图",), 1)]


def test_rules_around_plain_text_are_not_frontmatter():
    book = parse_one("---\n提示\n---\n\n## 节\n\n- 要点\n", "tips.md")
    assert book.warnings == []
    assert book.title == "tips"
    assert summary(book) == [("要点", ("节",), 1)]


# --- plain text scraped from a web page -----------------------------------------------


def test_scraped_page_headings_bullets_code_and_title():
    book = parse_page(load("scraped_page.txt"), "scraped_page.txt")
    assert book.title == "PyTorch 入门学习笔记"
    basics, autograd = ("2.1 张量基础",), ("2.2 自动求导",)
    assert summary(book) == [
        ("创建张量\ntorch.zeros 和 torch.ones 按形状创建张量\n① 形状用元组给出", basics, 1),
        ("索引与切片\n和 NumPy 的写法一致", basics, 1),
        ("requires_grad=True 的张量会记录在其上的运算。", autograd, 1),
        (
            "import torch\nx = torch.ones(2, 2, requires_grad=True)\n"
            "y = (x * 3).sum()  # shape: []\ny.backward()\n"
            "print(x.grad)  # tensor([[3., 3.], [3., 3.]])",
            autograd,
            1,
        ),
        ("调用 backward 之后梯度保存在叶子张量的 grad 属性中。", autograd, 1),
        ("张量是 PyTorch 的基本数据结构", (*autograd, "小结"), 2),
        ("自动求导由 autograd 模块完成", (*autograd, "小结"), 2),
    ]
    assert [(h.kind, h.language) for h in book.highlights][3] == ("code", "python")


def test_scraped_page_chrome_and_footer_are_dropped():
    book = parse_page(load("scraped_page.txt"), "scraped_page.txt")
    texts = "\n".join(h.text for h in book.highlights)
    for chrome in (*CHROME, "1024", "人浏览", "首页", "目录", "在这里插入图片描述", "来源地址",
                   "结束END", "猜你喜欢", "本文标题"):
        assert chrome not in texts


def test_plain_numbered_headings_nest_by_their_numbers():
    text = (
        "第3章 线性网络\n\n3.1 线性回归\n\n损失用平方误差。\n\n3.1.1 解析解\n\n"
        "闭式解需要矩阵求逆。\n\n5.1 层和块\n\n块可以嵌套。\n"
    )
    assert summary(parse_page(text, "ch3.txt")) == [
        ("损失用平方误差。", ("第3章 线性网络", "3.1 线性回归"), 2),
        ("闭式解需要矩阵求逆。", ("第3章 线性网络", "3.1 线性回归", "3.1.1 解析解"), 3),
        ("块可以嵌套。", ("5.1 层和块",), 1),
    ]


def test_bare_short_lines_are_headings_only_when_content_is_indented_under_them():
    text = "优化器\n\n  • SGD 按梯度方向走一步\n\n一句没有标点的短话\n\n下一句也在顶格。\n"
    assert summary(parse_page(text, "opt.txt")) == [
        ("SGD 按梯度方向走一步", ("优化器",), 1),
        ("一句没有标点的短话", ("优化器",), 1),
        ("下一句也在顶格。", ("优化器",), 1),
    ]


def test_formulas_and_prose_with_code_are_not_code():
    text = "  • 损失\n      l(y, y′) = ∣y − y′∣\n\nloss = criterion(out, y) 计算出的是一个标量张量的损失值\n"
    book = parse_page(text, "loss.txt")
    assert [h.kind for h in book.highlights] == ["text", "text"]
    assert book.highlights[0].text == "损失\nl(y, y′) = ∣y − y′∣"


def test_reader_choice():
    assert looks_like_markdown(load("training_loop.md"))
    assert looks_like_markdown(load("autograd_notes.md"))
    assert not looks_like_markdown(load("scraped_page.txt"))
    assert not looks_like_markdown("3.2 线性回归\n\n只有纯文本。\n")


@pytest.mark.parametrize(
    "name", ["training_loop.md", "autograd_notes.md", "broken_frontmatter.md", "scraped_page.txt"]
)
def test_parse_text_routes_fixtures_here_and_assigns_ids(name):
    text = normalise(load(name))
    assert detect_format(text) == "markdown"
    [book] = parse_text(text, name)
    assert book.source_format == "markdown"
    assert book.id.startswith("b")
    assert all(h.id for h in book.highlights)


# --- real scraped pages (the shared seeds) --------------------------------------------


def seed_text(prefix: str) -> tuple[str, str]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds are not available")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is not available")
    return matches[0].read_text(encoding="utf-8"), matches[0].name


def assert_no_chrome(book) -> None:
    for h in book.highlights:
        assert h.text.strip()
        assert h.text not in CHROME
        assert "在这里插入图片描述" not in h.text
        assert "人浏览" not in h.text
        assert h.chapter not in CHROME


def test_seed_002_blog_notes():
    text, name = seed_text("002")
    books = parse_text(text, name)
    assert len(books) == 1
    [book] = books
    assert book.source_format == "markdown"
    assert "笔记" in book.title
    assert_no_chrome(book)
    assert 420 <= len(book.highlights) <= 540  # 478 when checked by reading
    assert 60 <= len({h.chapter for h in book.highlights}) <= 90  # 74
    assert 25 <= sum(h.kind == "code" for h in book.highlights) <= 40  # 32
    # the related-articles footer is not part of the notes
    assert not any("99+" in h.text for h in book.highlights)


def test_seed_003_blog_notes_keep_the_lenet_listing_whole():
    text, name = seed_text("003")
    books = parse_text(text, name)
    assert len(books) == 1
    [book] = books
    assert book.source_format == "markdown"
    assert "pytorch" in book.title.lower()
    assert_no_chrome(book)
    assert 14 <= len(book.highlights) <= 20  # 17 when checked by reading
    assert 5 <= len({h.chapter for h in book.highlights}) <= 8  # 7
    code = [h for h in book.highlights if h.kind == "code"]
    assert len(code) == 1
    listing = code[0].text
    assert listing.startswith("import ")
    for fragment in ("class LeNet(nn.Module):", "nn.Conv2d(", "def forward(self, img):"):
        assert fragment in listing
    assert code[0].language == "python"


# --- never raises ---------------------------------------------------------------------

_PIECES = [
    "---", "title: 笔记", "title: [", "...", "# 标题", "## 小节", "- 要点", "  - 子项", "1. 步骤",
    "```python", "```", "~~~", "x = f(1)", "    缩进", "  • 圆点", "      续行", "· 中点",
    "① 圈号", "3.2 线性回归", "第1章 开始", "【内容】", "广告", "返回顶部", "389人浏览", "",
    "import torch", "    return x", ")", "# shape: [2, 3]", "| a | b |", "|---|---|", "> 引用",
    "![](x.png)", "`code`", "来源地址:x", "99+", "\t", "\u3000\u3000段落", "猜你喜欢",
]


@settings(deadline=None, max_examples=300)
@given(
    st.one_of(
        st.text(),
        st.lists(st.sampled_from(_PIECES), max_size=40).map("\n".join),
    ),
    st.sampled_from(["notes.md", "page.txt", "", "dir/x.markdown"]),
)
@example("0::;", "notes.md")  # a Question::Answer card, found by hypothesis once
def test_never_raises_and_every_highlight_has_text(text, name):
    for candidate, reader in itertools.product((text, normalise(text)), (parse, scraped_page.parse)):
        [book] = reader(candidate, name)
        assert book.source_format == "markdown"
        assert book.title.strip()
        for h in book.highlights:
            assert h.text.strip()
            assert h.kind in ("text", "code", "card")  # card: a `Q::A` line (`0::;`)
            assert h.front.strip() if h.kind == "card" else h.front is None
            assert h.chapter_level == len(h.chapter_path)
            assert h.chapter == (h.chapter_path[-1] if h.chapter_path else "")
