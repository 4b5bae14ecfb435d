"""Q&A cards in Markdown notes, written with the Obsidian Spaced Repetition plugin's
conventions: ``Q::A``, ``Q:::A`` (both ways), and ``Q`` / ``?`` / ``A`` blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from studykit.sources import parse_text
from studykit.sources.sr_cards import CODE_CLOSE, CODE_OPEN, Card, read_block

FIXTURE = Path(__file__).parent / "fixtures" / "markdown" / "sr_cards.md"


def cards_and_text(markdown: str, name: str = "notes.md") -> list[tuple]:
    [book] = parse_text(markdown, name)
    return [(h.kind, h.front, h.text) if h.kind == "card" else (h.kind, h.text)
            for h in book.highlights]


def test_the_fixture_gives_every_kind_of_card_and_keeps_the_prose():
    [book] = parse_text(FIXTURE.read_text(encoding="utf-8"), FIXTURE.name)
    found = [(h.kind, h.front, h.text, h.chapter) for h in book.highlights]
    assert found == [
        ("card", "学习率太大会怎样", "损失震荡甚至发散", "梯度下降"),
        ("card", "动量项的作用", "沿历史方向累积速度，越过小坑", "梯度下降"),
        ("card", "SGD", "随机梯度下降", "梯度下降"),  # ::: makes a card each way
        ("card", "随机梯度下降", "SGD", "梯度下降"),
        ("card", "Adam 为每个参数\n维护哪两个量", "一阶矩（均值）和\n二阶矩（未中心化方差）的估计",
         "梯度下降"),
        ("card", "清零梯度的那一行", "optimizer.zero_grad()", "代码"),  # a code block answers
        ("text", None, "C++ 前端里模型继承 torch::nn::Module，张量类型是 torch::Tensor。\n"
                       "切片 x[::2] 取偶数位，a::b 是代码。", "代码"),
        ("card", "权重衰减在 AdamW 里", "与梯度更新解耦", "代码"),
        ("text", None, "普通要点：学习率预热能稳定训练初期。", "代码"),
    ]
    assert len({h.id for h in book.highlights}) == len(book.highlights)


@pytest.mark.parametrize("line", [
    "C++ 里写 std::vector<int>::iterator 很常见。",  # two separators
    "Use torch::Tensor in the C++ frontend.",  # glued to identifiers on both sides
    "nn::Module 是 C++ 前端的基类",
    "loopback is fe80::1 on this host",
    "切片 x[::2] 取偶数位",  # inside an unclosed bracket
    "[status:: reading] 还没读完",  # a Dataview field in brackets
    "status:: reading",  # a Dataview field
    "see https://example.com/a::b for details",  # inside a URL
    f"在 {CODE_OPEN}a::b{CODE_CLOSE} 里的是代码",  # inside a code span
    "::没有问题",
    "没有答案::",
    "四个冒号::::不是分隔符",
])
def test_prose_with_colons_is_not_a_card(line):
    pieces, question = read_block(line)
    assert question is None
    assert pieces == [line.replace(CODE_OPEN, "").replace(CODE_CLOSE, "")]


def test_the_deck_tag_says_the_file_holds_cards():
    assert read_block("What does zero_grad do::clears the old gradients") == (
        ["What does zero_grad do::clears the old gradients"], None)
    assert read_block("What does zero_grad do::clears the old gradients", tagged=True) == (
        [Card("What does zero_grad do", "clears the old gradients")], None)
    markdown = "#flashcards/pytorch\nWhat does zero_grad do::clears the old gradients\n"
    assert cards_and_text(markdown) == [
        ("card", "What does zero_grad do", "clears the old gradients")]
    in_front_matter = "---\ntags: [flashcards/dl]\n---\nReLU::max(0, x)\n"
    assert cards_and_text(in_front_matter) == [("card", "ReLU", "max(0, x)")]


def test_a_tag_at_the_start_of_a_question_is_not_question_text():
    assert cards_and_text("#flashcards/deckB 卷积的输出尺寸::(n - k + 2p) / s + 1\n") == [
        ("card", "卷积的输出尺寸", "(n - k + 2p) / s + 1")]


def test_double_question_mark_makes_a_card_each_way():
    assert cards_and_text("池化层\n??\n没有参数的下采样层\n") == [
        ("card", "池化层", "没有参数的下采样层"), ("card", "没有参数的下采样层", "池化层")]


def test_a_question_mark_without_an_answer_stays_text():
    assert cards_and_text("这一段以问号行结尾\n?\n\n下一段。\n") == [
        ("text", "这一段以问号行结尾\n?"), ("text", "下一段。")]


def test_cards_in_code_blocks_are_code():
    markdown = "```cpp\nauto m = torch::nn::Linear(3, 4);\nQ::A\n```\n"
    [book] = parse_text(markdown, "notes.md")
    assert [h.kind for h in book.highlights] == ["code"]


def test_import_makes_one_basic_card_per_side_through_the_cli(tmp_path):
    db = tmp_path / "deck.db"
    result = run_cli("import", str(FIXTURE), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    exported = run_cli("export", "json", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    [book] = json.loads(exported.stdout)["books"]
    cards = [(c["kind"], c["front"], c["back"]) for h in book["highlights"]
             if h["kind"] == "card" for c in h["cards"]]
    assert cards == [
        ("basic", "学习率太大会怎样", "损失震荡甚至发散"),
        ("basic", "动量项的作用", "沿历史方向累积速度，越过小坑"),
        ("basic", "SGD", "随机梯度下降"),
        ("basic", "随机梯度下降", "SGD"),
        ("basic", "Adam 为每个参数\n维护哪两个量", "一阶矩（均值）和\n二阶矩（未中心化方差）的估计"),
        ("basic", "清零梯度的那一行", "optimizer.zero_grad()"),
        ("basic", "权重衰减在 AdamW 里", "与梯度更新解耦"),
    ]


def test_card_lines_make_a_file_markdown_but_cpp_paths_do_not():
    from studykit.sources import detect_reader

    assert detect_reader("卷积核的作用::提取局部特征\n动量的作用::越过小坑\n") == "markdown"
    assert detect_reader("池化层\n??\n没有参数的下采样层\n") == "markdown"
    cpp_page = "std::cout << x;\nstd::vector<int> v;\nusing std::string;\n• 要点一\n• 要点二\n"
    assert detect_reader(cpp_page) == "scraped-page"
