"""Trim what a reader's selection cut mid-word or mid-clause, at either end of a highlight.

A WeRead selection often starts one character late or stops one character early:
``果要对数据集进行…`` (如果), ``法.to(device)或.cuda()。`` (方法), ``…的张量形状相`` (相同),
``…处于验证阶段，即调`` (调用), ``…的求导。这``. The card then shows the broken edge, or
worse, blanks it. Only the clear cases are trimmed: a lone character that never opens a
sentence at the start; at the end, a character that never closes one (then the short clause
it dangles in goes too), a stray character after the last full stop, a trailing comma.
"""

from __future__ import annotations

# second characters of common words (如果, 方法, 建立, 什么, 我们, 包括, 实际) that do not
# open a sentence on their own; the words they do open are exceptions
_HEAD_FRAGMENTS = frozenset("果法立么们括际")
_HEAD_WORDS = ("果然", "法律", "法则", "立即", "立刻", "立方")
_LEADING_PUNCTUATION = "？?！!。，,；;、：:）)】」』”"
# characters that cannot end a statement: function words and the first halves of words
# (相同, 调用, 单个)
_TAIL_FRAGMENTS = frozenset("和与或及对把被将从向给让在于即若因由而并且但这那该其相调单")
# words that do end in one of those characters
_TAIL_WORDS = tuple(["目的", "标的", "求和", "总和", "平方和", "之和", "加和", "饱和", "温和", "参与", "给与", "以及", "涉及", "普及", "相对", "绝对", "针对", "面对", "成对", "配对", "即将", "服从", "方向", "正向", "反向", "双向", "单向", "横向", "纵向", "导向", "面向", "倾向", "走向", "供给", "补给", "转让", "存在", "现在", "正在", "所在", "实在", "内在", "外在", "潜在", "由于", "对于", "关于", "在于", "等于", "属于", "用于", "至于", "便于", "易于", "基于", "位于", "处于", "趋于", "立即", "随即", "原因", "基因", "成因", "理由", "自由", "经由", "从而", "进而", "然而", "因而", "反而", "而且", "并且", "况且", "不但", "应该", "尤其", "及其", "极其", "与其", "互相", "真相", "长相", "协调", "强调", "微调", "单调", "色调", "简单", "菜单", "清单", "名单", "订单", "孤单"])
MAX_DANGLING_CLAUSE = 8
_CLAUSE_BREAK = "，,；;：:"
_SENTENCE_END = "。！？!?"


def trim(text: str) -> str:
    """``text`` without a broken edge; unchanged when neither edge looks cut."""
    trimmed = _trim_head(text.strip())
    trimmed = _trim_tail(trimmed)
    return trimmed if len(trimmed) >= len(text.strip()) // 2 else text.strip()


def _trim_head(text: str) -> str:
    while text and text[0] in _LEADING_PUNCTUATION:
        text = text[1:].lstrip()
    if len(text) > 2 and text[0] in _HEAD_FRAGMENTS and not text.startswith(_HEAD_WORDS):
        text = text[1:]
    return text


def _trim_tail(text: str) -> str:
    text = text.rstrip(" =，,、")
    if not text or text[-1] in _SENTENCE_END:
        return text
    last_end = max(text.rfind(c) for c in _SENTENCE_END)
    if last_end >= 0 and len(text) - last_end - 1 <= 2:  # ……的求导。这
        return text[: last_end + 1]
    if text[-1] in _TAIL_FRAGMENTS and not text.endswith(_TAIL_WORDS):
        cut = max(text.rfind(c) for c in _CLAUSE_BREAK)
        if cut >= 0 and len(text) - cut - 1 <= MAX_DANGLING_CLAUSE:
            return text[:cut]
        return text[:-1]
    return text
