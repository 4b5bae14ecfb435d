"""Question-and-answer cards from definitional or explanatory highlights.

Patterns, most specific first (one Q&A card per highlight):

- ``所谓X，是指/就是Y`` and ``X（gloss）是指Y``      -> ``什么是X？``, answer Y
- ``Y……称为X``                                     -> ``什么是X？``, answer Y (the description)
- ``X的(主要)作用/目标/目的/任务/核心思想/定义是Y``  -> ``X的主要作用是什么？``, answer Y
  (also ``X……，主要作用是Y``, with X the subject of the sentence)
- ``X与Z的(主要)区别在于Y``                          -> ``X与Z的主要区别是什么？``
- ``X等价于Y``                                       -> ``X等价于什么？``
- ``X，(是)因为Y`` / ``之所以X，是因为Y``            -> ``为什么X？``, answer Y
- ``X用来/用于Y`` (X opening the sentence)           -> ``X用来做什么？``
- ``X是一种/是一类Y`` (X opening its clause)         -> ``什么是X？``, answer ``一种Y``

The answer runs to the end of its sentence (``。；！？`` or a line break) and is cut before a
second thought when long. Each rule is gated by a substring test and anchored on its marker,
so a highlight without any marker costs a few substring searches.
"""

from __future__ import annotations

import re

QA = tuple[str, str]
# up to the last sentence (clause) break: greedy, so one linear match finds the last one
_LAST_SENTENCE_BREAK = re.compile(r"[\s\S]*[。；;！？!?\n]")
_LAST_CLAUSE_BREAK = re.compile(r"[\s\S]*[。；;！？!?\n，,：:]")
_CLAUSE_BREAK = re.compile("[，,：:]")
_SENTENCE_HEAD = re.compile(r"[^。；;！？!?\n]*")
_SO_CALLED = re.compile(r"所谓(?P<x>[^，,。；;：:！？!?\n（(]{1,16}?)(?P<gloss>[（(][^）)]{1,40}[）)])?"
                        r"[，,]?(?:是指|就是|指的是|即)")
_TERM_WITH_GLOSS = re.compile(r"(?P<x>[^（(]+?)\s?(?P<gloss>[（(][^）)]{1,40}[）)])?\s?$")
_MEANS = re.compile("是指|指的是")
_CALLED = re.compile("称之为|称为")
_CALLED_TERM = re.compile(r"(?:它的|其为|为)?(?P<x>[^\s，,。；;：:、！？!?（()）“”]{1,10})"
                          r"(?![^\s，,。；;：:、！？!?（()）“”])(?P<gloss>[（(][^）)]{1,40}[）)])?")
_ROLE = re.compile("(?:作用|目标|目的|任务|核心思想|定义)(?:是|即|在于)")
_ROLE_WORDS = ("作用", "目标", "目的", "任务", "核心思想", "定义")
_USED_FOR = re.compile("常用来|用来|用于")
_KIND_OF = re.compile("是一[种类]")
_OPENS_WORD = re.compile(r"[\w（(]")
_SUBJECT_END = re.compile("在|是|不|会|对|把|将|只|就|能|可以|通过|相当于|具有|有|没有|含|常|由|用|使|让|与|和")
_DEMONSTRATIVE = ("这", "那", "此", "它", "该", "其", "他", "像这样")
_CONDITIONAL = ("如果", "若", "当", "假如", "假设", "虽然", "即使", "因为", "由于", "只要", "除非", "在")
_DISCOURSE = ("例如", "比如", "所以", "因此", "但是", "但", "而", "其中", "并且", "以及", "同时", "另外")
_LONG_ANSWER = 16
_TRAILING_PLACE = re.compile(r"(?<=.{4})在[^，,。；;在]{1,16}[中里内上]$")
_ANSWER_BREAK = re.compile("[：:；;]|[，,](?=主要|作用|通常|常|例如|比如|代价|因此|所以|同时|这样|也就是)")
_TRAILING_ADVERBS = ("故又", "所以又", "所以", "因此", "因而", "通常", "一般", "其实", "又", "也", "就",
                     "即", "被")


def question(text: str) -> QA | None:
    """``(question, answer)`` for a definitional/explanatory highlight, else None."""
    if not _ANY_MARKER.search(text):  # most highlights: no marker at all
        return None
    markers = set(_ANY_MARKER.findall(text))
    for gate, rule in _RULES:
        if not markers.isdisjoint(gate):
            found = rule(text)
            if found and len(found[1]) >= 2:
                return found
    return None


def _so_called(text: str) -> QA | None:
    m = _SO_CALLED.search(text)
    if m and _term_like(m["x"]):
        return f"什么是{m['x'].strip()}{m['gloss'] or ''}？", _answer(text, m.end())
    return None


def _means(text: str) -> QA | None:
    m = _MEANS.search(text)
    clause = _clause_before(text, m.start()).rstrip("，, ")
    term = _TERM_WITH_GLOSS.match(clause)
    if term is None or not _term_like(term["x"]):
        return None
    return f"什么是{term['x'].strip()}{term['gloss'] or ''}？", _answer(text, m.end())


def _called(text: str) -> QA | None:
    m = next((m for m in _CALLED.finditer(text) if text[m.start() - 1: m.start()] not in "统名简俗"
              or not m.start()), None)
    term = m and _CALLED_TERM.match(text, m.end())
    if not term or not _term_like(term["x"], 10):
        return None
    clauses = _sentence_before(text, m.start()).strip("，, ").split("，")
    if "把" in clauses[-1]:  # (所以又)把卷积核的值称为共享变量
        description = clauses[-1].rsplit("把", 1)[1]
    elif clauses[-1].startswith(_DEMONSTRATIVE) and len(clauses) > 1:  # ……，这种做法称为X
        description = "，".join(clauses[:-1])
    else:
        description = "，".join(clauses)
    description = _strip_trailing_adverbs(description.strip("，, "))
    description = _TRAILING_PLACE.sub("", description)  # X在TensorFlow中称为Y: X is Y
    if len(description) < 4 or description.startswith(_DEMONSTRATIVE):
        return None
    return f"什么是{term['x']}{term['gloss'] or ''}？", description


def _role(text: str) -> QA | None:
    m = _ROLE.search(text)
    if m is None:
        return None
    what = next(w for w in _ROLE_WORDS if text.startswith(w, m.start()))
    before = text[: m.start()]
    main = "主要" if before.endswith("主要") else ""
    before = before[: len(before) - len(main)]
    of = before.endswith("的")
    clause = _clause_before(before, len(before) - of).strip()
    subject = clause if clause and of else ""
    if not subject or subject.startswith(_DEMONSTRATIVE):  # ……，(其)主要作用是
        subject = _subject(before)
    if not _subject_like(subject, 24):
        return None
    return f"{subject}的{main}{what}是什么？", _answer(text, m.end())


def _difference(text: str) -> QA | None:
    start = text.find("区别在于")
    before = text[:start]
    main = "主要" if before.endswith("主要") else ""
    before = before[: len(before) - len(main)]
    if not before.endswith("的"):
        return None
    subject = _clause_before(before, len(before) - 1)
    if not _subject_like(subject, 30):
        return None
    return f"{subject}的{main}区别是什么？", _answer(text, start + 4)


def _equals(text: str) -> QA | None:
    start = text.find("等价于")
    subject = _clause_before(text, start)
    if not _subject_like(subject, 30):
        return None
    return f"{subject}等价于什么？", _answer(text, start + 3)


def _kind_of(text: str) -> QA | None:
    m = _KIND_OF.search(text)
    subject = _strip_trailing_adverbs(_clause_before(text, m.start()).strip())
    if not _subject_like(subject, 16) or not _OPENS_WORD.match(subject):
        return None
    return f"什么是{subject}？", _CLAUSE_BREAK.split(_answer(text, m.start() + 1))[0]


def _because(text: str) -> QA | None:
    for marker in ("，是因为", "，因为"):
        start = text.find(marker)
        if start > 0:
            clause = _clause_before(text, start).strip()
            clause = clause[3:] if clause.startswith("之所以") else clause
            if 4 <= len(clause) <= 40 and not clause.startswith(_DEMONSTRATIVE + _CONDITIONAL) \
                    and clause.count("(") == clause.count(")"):
                return f"为什么{clause}？", _answer(text, start + len(marker))
    return None


def _used_for(text: str) -> QA | None:
    for m in _USED_FOR.finditer(text):
        if m.start() and text[m.start() - 1] in "作适应运利":
            continue  # 作用于, 适用于: not "used for"
        subject = _sentence_before(text, m.start()).strip()
        if _subject_like(subject, 20) and _clause_before(subject, len(subject)) == subject \
                and _OPENS_WORD.match(subject):
            return f"{subject}{m.group()}做什么？", _answer(text, m.end())
        return None
    return None


_RULES = (
    (("所谓",), _so_called), (("是指", "指的是"), _means), (("称为", "称之为"), _called),
    (_ROLE_WORDS, _role), (("区别在于",), _difference), (("等价于",), _equals),
    (("因为",), _because), (("用来", "用于"), _used_for),
    (("是一种", "是一类"), _kind_of),
)
_ANY_MARKER = re.compile("|".join(marker for gate, _ in _RULES for marker in gate))


def _sentence_before(text: str, end: int) -> str:
    """The sentence running up to ``end`` (without a newline just before it)."""
    return _tail(text, end, _LAST_SENTENCE_BREAK)


def _clause_before(text: str, end: int) -> str:
    return _tail(text, end, _LAST_CLAUSE_BREAK)


def _tail(text: str, end: int, last_break: re.Pattern[str]) -> str:
    """``text[:end]`` after its last break; like ``[^breaks]*$`` (which matches before a final
    newline, too) but in linear time."""
    end = max(0, min(end, len(text)))
    if end and text[end - 1] == "\n":
        end -= 1
    found = last_break.match(text, 0, end)
    return text[found.end() if found else 0:end]


def _answer(text: str, start: int) -> str:
    """The explanation after a marker: to the sentence end, cut before a second thought."""
    answer = _SENTENCE_HEAD.match(text, start).group().strip(" ，,：:")
    if len(answer) > _LONG_ANSWER:
        cut = _ANSWER_BREAK.search(answer, 8)
        if cut:
            answer = answer[: cut.start()]
    return answer


def _subject(prefix: str) -> str:
    """The subject opening the sentence that ends in ``prefix`` (``激活函数在…`` -> 激活函数)."""
    sentence = _sentence_before(prefix, len(prefix))
    first = _CLAUSE_BREAK.split(sentence)[0].strip()
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
    for adverb in _TRAILING_ADVERBS:
        if text.endswith(adverb):
            return text[: -len(adverb)].rstrip("，, ")
    return text
