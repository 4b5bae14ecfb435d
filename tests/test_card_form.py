"""The text form of a card that `studykit edit` opens (studykit.card_form)."""

from __future__ import annotations

import pytest

from studykit.card_form import CardFields, FormCard, FormError, cloze_text, parse, render

CLOZE = FormCard("b1-h1:cloze:1", "cloze", "动手学深度学习", "7.6 残差网络",
                 CardFields("残差块让梯度经[...]直接回传。", "残差块让梯度经恒等映射直接回传。", "恒等映射"))
QA = FormCard("b1-h2:qa:1", "qa", "动手学深度学习", "",
              CardFields("什么是批量归一化？", "批量归一化把每层输入标准化。", "把每层输入标准化"))
BASIC = FormCard("b1-h3:basic:1", "basic", "卡片", "",
                 CardFields("动量的作用", "沿历史方向累积速度", None))
CODE = FormCard("b1-h4:code:1", "code", "代码", "",
                CardFields("补全缺少的那一行：\n\n    loss = f(x)\n    [...]", "loss.backward()",
                           "loss.backward()"))


def body(form: str) -> str:
    """The form without its comment lines (they must not matter)."""
    return form[form.index("\n===") + 1 :]


def test_a_cloze_card_is_written_with_its_mark():
    form = render(CLOZE)
    assert form.startswith("# studykit edit · card b1-h1:cloze:1 (cloze) · 动手学深度学习 · 7.6 残差网络\n")
    assert body(form) == "=== text ===\n残差块让梯度经{{c1::恒等映射}}直接回传。\n"


def test_other_cards_are_written_as_front_back_and_answer():
    assert body(render(QA)) == ("=== front ===\n什么是批量归一化？\n\n=== back ===\n"
                                "批量归一化把每层输入标准化。\n\n=== answer ===\n把每层输入标准化\n")
    assert body(render(BASIC)) == "=== front ===\n动量的作用\n\n=== back ===\n沿历史方向累积速度\n"


@pytest.mark.parametrize("card", [CLOZE, QA, BASIC, CODE])
def test_every_form_reads_back_as_the_card(card):
    assert parse(render(card), card.kind) == card.fields


def test_every_place_of_a_repeated_answer_is_marked():
    fields = CardFields("[...]的输出形状与[...]的输入相同", "残差块的输出形状与残差块的输入相同", "残差块")
    assert cloze_text(fields) == "{{c1::残差块}}的输出形状与{{c1::残差块}}的输入相同"


def test_a_front_that_does_not_line_up_is_edited_as_front_and_back():
    odd = FormCard("x:cloze:1", "cloze", "", "", CardFields("完全不同的正面", "背面", "答案"))
    assert body(render(odd)) == "=== front ===\n完全不同的正面\n\n=== back ===\n背面\n\n=== answer ===\n答案\n"
    assert parse(render(odd), "cloze") == odd.fields


def test_several_marks_hide_several_texts():
    form = "=== text ===\n{{c1::卷积层}}提取特征，{{c1::池化层}}降采样，{{c1::卷积层}}可堆叠。"
    assert parse(form, "cloze") == CardFields(
        "[...]提取特征，[...]降采样，[...]可堆叠。", "卷积层提取特征，池化层降采样，卷积层可堆叠。",
        "卷积层 / 池化层")


def test_code_keeps_its_indentation():
    form = "=== front ===\n补全：\n\n    x = 1\n=== back ===\n    for i in range(3):\n        x += i\n"
    assert parse(form, "code") == CardFields("补全：\n\n    x = 1",
                                             "    for i in range(3):\n        x += i", None)


@pytest.mark.parametrize(("form", "kind", "reason"), [
    ("=== text ===\n没有标记的文本", "cloze", "the text has no {{c1::…}} mark: mark what the card hides"),
    ("=== text ===\n{{c2::第二个}}空", "cloze", "this card hides cloze 1: write {{c1::…}}, not c2"),
    ("=== text ===\n{{c1::词::提示}}", "cloze",
     "hints ({{c1::text::hint}}) are not supported: write {{c1::text}}"),
    ("=== text ===\n{{c1::}}什么也没藏", "cloze", "a {{c1::}} mark hides nothing"),
    ("=== text ===\n{{c1::没闭合", "cloze",
     "the text has no {{c1::…}} mark: mark what the card hides; "
     "a {{ or }} is not part of a complete {{c1::…}} mark"),
    ("=== front ===\n问题\n=== back ===\n", "qa", "the back is empty"),
    ("=== front ===\n问题", "qa", "the '=== back ===' section is missing"),
    ("=== front ===\n问\n=== back ===\n答\n=== notes ===\nx", "qa", "unknown section '=== notes ==='"),
    ("=== front ===\n问\n=== front ===\n又问\n=== back ===\n答", "qa",
     "the '=== front ===' section appears twice"),
    ("问题和答案都没有分节", "qa", "the form has no '=== … ===' section lines"),
])
def test_a_form_that_cannot_be_read_says_why(form, kind, reason):
    with pytest.raises(FormError) as caught:
        parse(form, kind)
    assert caught.value.message == reason


def test_emptying_every_section_cancels():
    assert parse("# comment\n=== front ===\n\n=== back ===\n\n=== answer ===\n", "qa") is None
    assert parse("=== text ===\n", "cloze") is None
