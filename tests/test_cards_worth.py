"""How much a blank carries (studykit.cards.worth): which siblings are worth a card.

The sentences are our own, shaped like the seed cases that were labeled guessable: a verb
or an everyday word after an API name (``…可通过Compose将这些操作像管道一样拼接起来``), a
word a sentence says twice (``…不是迭代器，…转换为迭代器``), the usual loss named beside
the one a sentence is about (``不使用通常的交叉熵，而是最大化…的L2范数``).
"""

from __future__ import annotations

import pytest

from studykit.cards.generate import generate_cards
from studykit.cards.spans import API, DEFINED, ENGLISH, KEYWORD, NUMBER, TERM
from studykit.cards.worth import EVERYDAY, NAME, WORD, carry


def answers(text: str, chapter: str = "") -> list[str]:
    return [c.answer for c in generate_cards(text, chapter=chapter) if c.kind == "cloze"]


@pytest.mark.parametrize("tier, rank, answer, expected", [
    (API, 0, "nn.Sequential", NAME),
    (ENGLISH, 1, "ResNet", NAME),
    (ENGLISH, 2, "dtype", NAME),  # an English word in lower case: often an argument's name
    (ENGLISH, 0, "标签平滑（label smoothing）", NAME),  # a term with its gloss
    (DEFINED, 0, "步幅", NAME),  # the text says what it is
    (NUMBER, 0, "(16, 3, 5, 5)", NAME),
    (TERM, -5, "非叶子节点", NAME),
    (TERM, -4, "梯度爆炸", NAME),
    (TERM, -2, "L2范数", NAME),  # a Latin term of the dictionary
    (TERM, -3, "迭代器", WORD),
    (TERM, -2, "导数", EVERYDAY),
    (KEYWORD, 0, "系数", 0),
])
def test_what_a_blank_carries(tier, rank, answer, expected):
    assert carry(tier, rank, answer) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb after the API name: 拼接 is filled in from 像…一样…起来
    ("可以用nn.Sequential把这些层按顺序拼接起来，像搭积木一样方便。", ["nn.Sequential"]),
    # a three-character word said twice, after a class name
    ("DataLoader本身不是迭代器，需要先把它转换为迭代器，才能逐个取出批量。", ["DataLoader"]),
    # the usual loss named beside the one the sentence is about
    ("不使用通常的交叉熵，而是最大化某一层激活值的L2范数，让图像更像网络看到的模式。", ["L2范数"]),
])
def test_a_sibling_that_carries_less_than_the_first_is_not_made(text, expected):
    assert answers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("一个batch里的样本可以用torch.stack沿新维度堆叠，也可以用torch.cat沿已有维度拼接。",
     ["torch.stack", "torch.cat"]),  # two names
    ("梯度爆炸时可以使用梯度裁剪，把范数限制在阈值以内。", ["梯度爆炸", "梯度裁剪"]),  # two long terms
    ("softmax回归把输出变成概率分布，再用交叉熵衡量它和标签的差距。", ["softmax", "概率分布"]),
    # after a three-character term, another one (as much); not a two-character word
    ("模型在训练集上表现很好、在新数据上却很差，这种现象就是过拟合，常用正则化来缓解。",
     ["过拟合", "正则化"]),
])
def test_a_sibling_that_carries_as_much_is_made(text, expected):
    assert answers(text) == expected


def test_a_weaker_word_still_makes_the_only_card():
    assert answers("训练时每一步都要先把累加的导数清零。") == ["导数"]
