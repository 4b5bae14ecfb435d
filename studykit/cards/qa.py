"""Question-and-answer cards from definitional or explanatory highlights.

Patterns, most specific first (one Q&A card per highlight):

- ``所谓X，是指/就是Y`` and ``X（gloss）是指Y``      -> ``什么是X？`` / ``X是指什么？``, answer Y
- ``Y……称为X``                                     -> ``什么是X？``, answer Y (the description)
- ``X的(主要)作用/目标/目的/任务/核心思想/定义是Y``  -> ``X的主要作用是什么？``, answer Y
  (also ``X……，主要作用是Y``, with X the subject of the sentence)
- ``X与Z的(主要)区别在于Y``                          -> ``X与Z的主要区别是什么？``
- ``X等价于Y``                                       -> ``X等价于什么？``
- ``X，(是)因为Y`` / ``之所以X，是因为Y``            -> ``为什么X？``, answer Y
- ``X用来/用于Y`` (X opening the sentence)           -> ``X用来做什么？``

The answer runs to the end of its sentence (``。；！？`` or a line break).
"""

from __future__ import annotations

import re

_SENTENCE_END = "。；;！？!?\n"
_CLAUSE = r"[^，,。；;：:！？!?\n]"
_MARKERS = re.compile("是指|指的是|所谓|称为|称之为|作用|目标是|目的是|任务是|核心思想|定义是|区别在于"
                      "|等价于|因为|用来|用于")
_SO_CALLED = re.compile(
    rf"所谓(?P<x>{_CLAUSE}{{1,16}}?)(?P<gloss>[（(][^）)]{{1,40}}[）)])?[，,]?"
    r"(?:是指|就是|指的是|即)(?P<y>[^。；;！？!?\n]+)")
_MEANS = re.compile(
    rf"(?:^|(?<=[。；;！？!?\n]))(?P<x>{_CLAUSE}{{1,16}}?)(?P<gloss>[（(][^）)]{{1,40}}[）)])?"
    r"[，,]?(?:是指|指的是)(?P<y>[^。；;！？!?\n]+)")
_CALLED = re.compile(
    rf"(?:^|(?<=[。；;！？!?\n]))(?P<y>[^。；;！？!?\n]{{6,80}}?)[，,]?(?:被)?(?<![统名简俗])(?:称为|称之为)"
    rf"(?:它的|其为|为)?(?P<x>[^\s，,。；;：:、！？!?\n（()）“”]{{1,10}})(?![^\s，,。；;：:、！？!?\n（()）“”])"
    rf"(?P<gloss>[（(][^）)]{{1,40}}[）)])?")
_ROLE = re.compile(r"(?P<x>[^。；;！？!?\n]{0,40}?)(?P<of>的)?(?P<main>主要)?"
                   r"(?P<what>作用|目标|目的|任务|核心思想|定义)(?:是|即|在于)[：:]?(?P<y>[^。；;！？!?\n]+)")
_DIFFERENCE = re.compile(rf"(?P<x>{_CLAUSE}{{2,30}}?)的(?P<main>主要)?区别在于[：:]?(?P<y>[^。；;！？!?\n]+)")
_EQUALS = re.compile(rf"(?:^|(?<=[。；;！？!?\n，,]))(?P<x>{_CLAUSE}{{2,30}}?)等价于(?P<y>[^。；;！？!?\n]+)")
_BECAUSE = re.compile(r"(?:^|(?<=[，。；;：:！？!?\n]))(?:之所以)?(?P<x>[^，。；;：:！？!?\n]{4,40})"
                      r"，(?:是)?因为(?P<y>[^。；;！？!?\n]+)")
_USED_FOR = re.compile(rf"(?:^|(?<=[。；;！？!?\n]))(?P<x>{_CLAUSE}{{2,20}}?)(?<![作适应运利])(?P<how>常用来|用来|用于)"
                       r"(?P<y>[^。；;！？!?\n]+)")
_SUBJECT_END = re.compile("在|是|不|会|对|把|将|只|就|能|可以|通过|相当于|具有|有|没有|含|常|由|用|使|让|与|和")
_DEMONSTRATIVE = ("这", "那", "此", "它", "该", "其", "他", "像这样")
_CONDITIONAL = ("如果", "若", "当", "假如", "假设", "虽然", "即使", "因为", "由于", "只要", "除非", "在")
_DISCOURSE = ("例如", "比如", "所以", "因此", "但是", "但", "而", "其中", "并且", "以及", "同时", "另外")
_LONG_ANSWER = 40
_ANSWER_BREAK = re.compile("[：:；;]|[，,](?=主要|作用|通常|常|例如|比如|代价|因此|所以|同时|这样|也就是)")
_LEADING_ADVERBS = ("故又", "所以又", "所以", "因此", "因而", "通常", "一般", "又", "也", "就", "即")


def question(text: str) -> tuple[str, str] | None:
    """``(question, answer)`` for a definitional/explanatory highlight, else None."""
    if _MARKERS.search(text) is None:
        return None
    for rule in (_so_called, _called, _role, _difference, _equals, _because, _used_for):
        found = rule(text)
        if found and len(found[1]) >= 2:
            return found
    return None


def _so_called(text: str) -> tuple[str, str] | None:
    for m in (_SO_CALLED.search(text), _MEANS.search(text)):
        if m and _term_like(m["x"]):
            return f"什么是{m['x'].strip()}{m['gloss'] or ''}？", _clean(m["y"])
    return None


def _called(text: str) -> tuple[str, str] | None:
    m = _CALLED.search(text)
    if m is None or not _term_like(m["x"], 10):
        return None
    clauses = m["y"].strip("，, ").split("，")
    if "把" in clauses[-1]:  # (所以又)把卷积核的值称为共享变量
        description = clauses[-1].rsplit("把", 1)[1]
    elif clauses[-1].startswith(_DEMONSTRATIVE) and len(clauses) > 1:  # ……，这种做法称为X
        description = "，".join(clauses[:-1])
    else:
        description = "，".join(clauses)
    description = _strip_trailing_adverbs(description.strip("，, "))
    if len(description) < 4 or description.startswith(_DEMONSTRATIVE):
        return None
    return f"什么是{m['x']}{m['gloss'] or ''}？", description


def _role(text: str) -> tuple[str, str] | None:
    m = _ROLE.search(text)
    if m is None:
        return None
    clause = re.split("[，,：:]", m["x"])[-1].strip()
    subject = clause if clause and m["of"] else ""
    if not subject or subject.startswith(_DEMONSTRATIVE):  # ……，(其)主要作用是
        subject = _subject(text[: m.start("what")])
    if not _subject_like(subject, 24):
        return None
    return f"{subject}的{m['main'] or ''}{m['what']}是什么？", _clean(m["y"])


def _difference(text: str) -> tuple[str, str] | None:
    m = _DIFFERENCE.search(text)
    if m is None or not _subject_like(m["x"], 30):
        return None
    return f"{m['x']}的{m['main'] or ''}区别是什么？", _clean(m["y"])


def _equals(text: str) -> tuple[str, str] | None:
    m = _EQUALS.search(text)
    if m is None or not _subject_like(m["x"], 30):
        return None
    return f"{m['x']}等价于什么？", _clean(m["y"])


def _because(text: str) -> tuple[str, str] | None:
    m = _BECAUSE.search(text)
    if m is None:
        return None
    clause = m["x"].strip()
    if len(clause) < 4 or clause.startswith(_DEMONSTRATIVE + _CONDITIONAL) \
            or clause.count("(") != clause.count(")"):
        return None
    return f"为什么{clause}？", _clean(m["y"])


def _used_for(text: str) -> tuple[str, str] | None:
    m = _USED_FOR.search(text)
    if m is None or not _subject_like(m["x"], 20):
        return None
    return f"{m['x'].strip()}{m['how']}做什么？", _clean(m["y"])


def _subject(prefix: str) -> str:
    """The subject opening the sentence that ends in ``prefix`` (``激活函数在…`` -> 激活函数)."""
    sentence = re.split(f"[{_SENTENCE_END}]", prefix)[-1]
    first = re.split("[，,：:]", sentence)[0].strip()
    first = first[2:] if first.startswith("所谓") else first
    cut = _SUBJECT_END.search(first, 2)
    return first[: cut.start()] if cut else first


def _term_like(term: str, longest: int = 16) -> bool:
    term = term.strip()
    return 2 <= len(term) <= longest and not term.startswith(_DEMONSTRATIVE)


def _subject_like(subject: str, longest: int) -> bool:
    """A noun phrase that can open a question: not 这/如果/例如…, no sentence break."""
    subject = subject.strip()
    return (_term_like(subject, longest) and not subject.startswith(_CONDITIONAL + _DISCOURSE)
            and subject.count("(") == subject.count(")"))


def _strip_trailing_adverbs(text: str) -> str:
    for adverb in _LEADING_ADVERBS:
        if text.endswith(adverb):
            return text[: -len(adverb)].rstrip("，, ")
    return text


def _clean(answer: str) -> str:
    """The explanation, cut before a second thought when it runs long."""
    answer = answer.strip(" ，,：:").rstrip("。")
    if len(answer) > _LONG_ANSWER:
        cut = _ANSWER_BREAK.search(answer, 8)
        if cut:
            answer = answer[: cut.start()]
    return answer
