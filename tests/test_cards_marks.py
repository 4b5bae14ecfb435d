"""The reader's own marks (==x==, **x**, {{c1::x}}, {{c2::x::hint}}) make exactly their blanks:
unit tests of the parser, then end to end through `studykit import` and `export json`."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from studykit.cards import CardSpec
from studykit.cards.generate import generate_cards
from studykit.cards.marks import has_marks, parse


def clozes(text: str, note: str | None = None) -> list[tuple[str, str]]:
    return [(c.front, c.answer) for c in generate_cards(text, note=note) if c.kind == "cloze"]


def test_each_highlight_or_bold_mark_is_one_card_and_no_automatic_blank_is_added():
    text = "==批量归一化==让每层输入的分布更稳定，**学习率**可以设得更大，nn.BatchNorm2d是它的实现。"
    plain = "批量归一化让每层输入的分布更稳定，学习率可以设得更大，nn.BatchNorm2d是它的实现。"
    assert clozes(text) == [
        ("[...]让每层输入的分布更稳定，学习率可以设得更大，nn.BatchNorm2d是它的实现。", "批量归一化"),
        ("批量归一化让每层输入的分布更稳定，[...]可以设得更大，nn.BatchNorm2d是它的实现。", "学习率"),
    ]  # nn.BatchNorm2d would be the generator's first pick: the reader's marks win
    assert {c.back for c in generate_cards(text)} == {plain}


def test_anki_clozes_with_the_same_number_hide_together_and_a_hint_shows_in_the_blank():
    text = "{{c1::ResNet}}用{{c2::捷径连接::一种连接}}解决退化问题，{{c1::DenseNet}}则把特征拼接起来。"
    cards = generate_cards(text)
    back = "ResNet用捷径连接解决退化问题，DenseNet则把特征拼接起来。"
    assert cards == [
        CardSpec("cloze", 1, "[...]用捷径连接解决退化问题，[...]则把特征拼接起来。", back, "ResNet / DenseNet"),
        CardSpec("cloze", 2, "ResNet用[...](一种连接)解决退化问题，DenseNet则把特征拼接起来。", back, "捷径连接"),
    ]


def test_a_mark_in_the_thought_hides_its_words_in_the_highlight():
    text = "DenseNet让每一层都接收前面所有层的输出，增加了特征的复用。"
    note = "要点是==特征的复用=="
    cards = generate_cards(text, note=note)
    assert [(c.kind, c.answer) for c in cards] == [("cloze", "特征的复用"), ("thought", None)]
    assert cards[0].front == "DenseNet让每一层都接收前面所有层的输出，增加了[...]。"
    assert "==" not in cards[1].front and "要点是特征的复用" in cards[1].front


def test_a_mark_in_the_thought_on_words_of_its_own_blanks_the_thought():
    cards = generate_cards("DenseNet把特征拼接起来。", note="和ResNet的**相加**不同")
    assert (cards[0].front, cards[0].answer) == ("和ResNet的[...]不同", "相加")
    assert cards[0].back == "和ResNet的相加不同\n\nDenseNet把特征拼接起来。"


def test_marks_are_stripped_from_question_cards_too():
    cards = generate_cards("所谓**早停**，是指验证误差不再下降时提前结束训练。")
    qa = [c for c in cards if c.kind == "qa"]
    assert qa == [CardSpec("qa", 1, "什么是早停？", "所谓早停，是指验证误差不再下降时提前结束训练。",
                           "验证误差不再下降时提前结束训练")]


@pytest.mark.parametrize("text", [
    "a == b 时返回 True，而 x ** 2 是平方。",  # comparisons and powers, spaced
    "用 == 运算符 == 比较",  # not a mark: spaces inside the fences
    "{{c1::}}是空的",
])
def test_things_that_only_look_like_marks_are_left_alone(text):
    assert parse(text).groups == []
    assert has_marks(text) is False


def test_code_keeps_its_operators_and_the_thought_loses_its_marks():
    code = "x = torch.ones(3)\ny = x ** 2\nz = (y == 1).sum()\nprint(z.item())"
    cards = generate_cards(code, kind="code", note="**item()** 取出Python数字")
    assert [c.kind for c in cards] == ["code", "thought"]
    assert "**" not in cards[1].front and "y = x ** 2" in cards[1].back


# -- through the CLI -------------------------------------------------------------------------
MARKDOWN_NOTES = """# 网络结构笔记

## 第一章 残差与稠密连接

{{c1::ResNet}}用{{c2::捷径连接::一种连接}}解决退化问题，{{c1::DenseNet}}则把特征拼接起来。

==批量归一化==让每层输入的分布更稳定，学习率可以设得更大。

反向传播之前先调用 **optimizer.zero_grad()** 清空上一步留下的梯度。
"""

WEREAD_NOTES = """《网络结构笔记》

林一
2个笔记


◆ 第二章 稠密连接

>> **DenseNet**把前面所有层的特征拼接起来，作为下一层的输入。

2024/3/5 发表想法
关键是==特征复用==。
>> 每一层都能直接用到前面的特征，所以特征复用更充分，参数也更少。

-- 来自微信读书
"""


def _export(tmp_path, name: str, notes: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(notes, encoding="utf-8")
    db = tmp_path / "deck.db"
    result = run_cli("import", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    exported = run_cli("export", "json", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    books = json.loads(exported.stdout)["books"]
    return [h for book in books for h in book["highlights"]]


def test_marks_in_markdown_notes_through_import_and_export(tmp_path):
    highlights = _export(tmp_path, "notes.md", MARKDOWN_NOTES)
    by_text = {h["text"]: h["cards"] for h in highlights}
    anki = by_text["{{c1::ResNet}}用{{c2::捷径连接::一种连接}}解决退化问题，{{c1::DenseNet}}则把特征拼接起来。"]
    assert [(c["kind"], c["front"], c["answer"]) for c in anki] == [
        ("cloze", "[...]用捷径连接解决退化问题，[...]则把特征拼接起来。", "ResNet / DenseNet"),
        ("cloze", "ResNet用[...](一种连接)解决退化问题，DenseNet则把特征拼接起来。", "捷径连接"),
    ]
    assert {c["back"] for c in anki} == {"ResNet用捷径连接解决退化问题，DenseNet则把特征拼接起来。"}
    marked = by_text["==批量归一化==让每层输入的分布更稳定，学习率可以设得更大。"]
    assert [(c["front"], c["answer"]) for c in marked] == [
        ("[...]让每层输入的分布更稳定，学习率可以设得更大。", "批量归一化")]
    bold = by_text["反向传播之前先调用 **optimizer.zero_grad()** 清空上一步留下的梯度。"]
    assert [(c["front"], c["back"], c["answer"]) for c in bold] == [
        ("反向传播之前先调用 [...] 清空上一步留下的梯度。",
         "反向传播之前先调用 optimizer.zero_grad() 清空上一步留下的梯度。",
         "optimizer.zero_grad()")]


def test_bold_in_a_weread_export_and_a_marked_thought_through_import_and_export(tmp_path):
    highlights = _export(tmp_path, "notes.txt", WEREAD_NOTES)
    first, second = highlights
    assert [(c["kind"], c["front"], c["answer"]) for c in first["cards"]] == [
        ("cloze", "[...]把前面所有层的特征拼接起来，作为下一层的输入。", "DenseNet")]
    assert second["note"] == "关键是==特征复用==。"
    cards = second["cards"]
    assert [(c["kind"], c["answer"]) for c in cards] == [("cloze", "特征复用"), ("thought", None)]
    assert cards[0]["front"] == "每一层都能直接用到前面的特征，所以[...]更充分，参数也更少。"
    assert not any("==" in c["front"] or "==" in c["back"] or "**" in c["front"] for c in cards)
