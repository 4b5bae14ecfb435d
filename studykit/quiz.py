"""The quiz: multiple-choice (or typed) questions from cloze cards and from generated
layer-shape problems, scored at the end. No terminal code (see studykit/cli/quiz_commands.py)
and no torch (shape answers come from the static shape arithmetic, see studykit/quiz_shapes.py).

Distractors are answers of the same class as the right one: ``code`` (API-like: contains
``.``, ``(`` or ``_``, or a bare identifier such as ``padding`` or ``LeNet``), ``number``
(digits with separators: ``112``, ``3×3``, ``11.8%``, ``(64, 3, 3, 3)``) or ``term``
(Chinese or English words, and all-capital acronyms such as ``CNN``). They come from the same
book first, then from other books, then (numbers and shapes only) from generated variants.
Inside a class, answers of the same form as the right one (same digit pattern such as
``#×#``; call / attribute / bare name; Chinese / acronym / English words) are taken first, from
the same book then from other books, before answers of another form.
A distractor is never the answer or a near-duplicate of it (compared with
``typed_answer.canonical``), never text visible in the question, and no two options match.
A cloze card for which no distractor exists at all is asked as a typed question.

A wrong cloze answer brings its card forward: a learning or review card becomes due now
(its FSRS state is untouched and nothing goes to review_log, so the next review grades it
normally); a new card is left new, since it is already waiting in the new queue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from random import Random

from studykit.deck import Deck, to_db_time, utc_now
from studykit.deck import quiz as sql
from studykit.deck.review import Filters
from studykit.errors import StudykitError
from studykit.quiz_shapes import ShapeProblem, near_misses, random_problem
from studykit.typed_answer import canonical, compare

KINDS = ("cloze", "shape", "mixed")
CHOICES = 4
BLANK = "[...]"

_NUMBER = re.compile(r"[\d\s.,%×xX*@()\[\]+\-/:]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Question:
    kind: str  # cloze | shape
    prompt: str
    answer: str
    options: tuple[str, ...] = ()  # the answer among them; empty: a typed answer
    card_id: str | None = None
    source: str = ""
    working: tuple[str, ...] = ()  # how the answer is worked out (shape questions)

    def is_right(self, given: str) -> bool:
        if self.options:
            return option_key(given) == option_key(self.answer)
        return typed_right(given, self.answer)


@dataclass(frozen=True)
class Result:
    question: Question
    given: str
    correct: bool


# -- classes of answers ---------------------------------------------------------------
def answer_class(text: str) -> str:
    """``number``, ``code`` or ``term`` (see the module docstring)."""
    t = text.strip()
    if any(c.isdigit() for c in t) and _NUMBER.fullmatch(t):
        return "number"
    if _ACRONYM.fullmatch(t):
        return "term"
    if any(c in t for c in "._(") or _IDENT.fullmatch(t):
        return "code"
    return "term"


def form(text: str, cls: str) -> str:
    """A finer grouping inside a class: distractors of the same form are preferred."""
    if cls == "number":
        return _DIGITS.sub("#", option_key(text))
    if cls == "code":
        if ")" in text:
            return "call"
        return "attr" if "." in text else ("Name" if text[:1].isupper() else "name")
    if _CJK.search(text):
        return "cjk"
    return "acronym" if _ACRONYM.fullmatch(text) else "latin"


def option_key(text: str) -> str:
    """What two options are compared by: canonical, and 3×3 == 3x3 == 3*3."""
    return canonical(text).replace("×", "x").replace("*", "x")


def typed_right(given: str, answer: str) -> bool:
    """Forgiving comparison (case, width, spaces, full-width punctuation); numbers and
    shapes also accept 3x3 for 3×3 and 8,16 / [8, 16] / torch.Size([8, 16]) for (8, 16)."""
    if compare(given, answer).exact:
        return True
    return answer_class(answer) == "number" and _loose(given) == _loose(answer)


def _loose(text: str) -> str:
    key = option_key(text).replace("torch.size", "")
    return re.sub(r"[()\[\]]", "", key).replace("x", ",")


# -- distractors --------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    book_id: str
    text: str
    cls: str = field(init=False)
    form: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cls", answer_class(self.text))
        object.__setattr__(self, "form", form(self.text, self.cls))


def candidate_pool(rows: Iterable[tuple[str, str]]) -> list[Candidate]:
    return [Candidate(book_id, text) for book_id, text in rows if text and text.strip()]


def distractors(answer: str, rng: Random, *, pool: Iterable[Candidate] = (),
                book_id: str | None = None, front: str = "", extra: Iterable[str] = (),
                count: int = CHOICES - 1) -> list[str]:
    """Up to ``count`` wrong options for ``answer`` (fewer only when nothing fits)."""
    cls = answer_class(answer)
    shape = form(answer, cls)
    same = [c for c in pool if c.cls == cls]

    def tier(keep: Callable[[Candidate], bool]) -> list[str]:
        texts = sorted({c.text for c in same if keep(c)})
        rng.shuffle(texts)
        return texts

    def home(c: Candidate) -> bool:
        return c.book_id == book_id

    generated = [*extra, *number_variants(answer, rng)] if cls == "number" else list(extra)
    tiers = [tier(lambda c: home(c) and c.form == shape),
             tier(lambda c: not home(c) and c.form == shape), generated,
             tier(home), tier(lambda c: not home(c))]
    return _first_fitting(chain.from_iterable(tiers), answer, cls, front, count)


def _first_fitting(texts: Iterable[str], answer: str, cls: str, front: str,
                   count: int) -> list[str]:
    visible = canonical(front.replace(BLANK, "\n"))
    keys, chosen = [option_key(answer)], []
    for text in texts:
        key = option_key(text)
        if not key or any(_too_close(key, k, cls) for k in keys):
            continue
        if cls != "number" and len(key) > 1 and key in visible:
            continue  # shown in the question: obviously not the blank
        keys.append(key)
        chosen.append(text)
        if len(chosen) == count:
            break
    return chosen


def _too_close(a: str, b: str, cls: str) -> bool:
    """Equal, or (words and code) one inside the other: 互相关 / 互相关运算 are both right."""
    return a == b or (cls != "number" and (a in b or b in a))


def number_variants(text: str, rng: Random) -> list[str]:
    """Plausible wrong numbers: every number (or one of them) doubled, halved, ±1, ±2; then,
    only if those run out, ×4 and ×10."""
    found = list(_DIGITS.finditer(text))
    near = (lambda v: v * 2, lambda v: v / 2, lambda v: v + 1, lambda v: v - 1,
            lambda v: v + 2, lambda v: v - 2)
    far = (lambda v: v * 4, lambda v: v * 10)
    variants: list[str] = []
    for changes in (near, far):
        out = []
        for change in changes:
            out.append(_substitute(text, found, change, range(len(found))))
            out += [_substitute(text, found, change, [i]) for i in range(len(found))]
        group = [v for v in dict.fromkeys(out) if v and v != text and v not in variants]
        rng.shuffle(group)
        variants += group
    return variants


def _substitute(text: str, found: list[re.Match], change, which) -> str | None:
    parts, last = [], 0
    for index, match in enumerate(found):
        number = match.group()
        new = _format(change(float(number)), number) if index in which else number
        if new is None:
            return None
        parts += [text[last:match.start()], new]
        last = match.end()
    return "".join(parts) + text[last:]


def _format(value: float, original: str) -> str | None:
    if "." in original:
        places = len(original.split(".")[1])
        return f"{value:.{places}f}" if value > 0 else None
    if value != int(value) or (value < 1 <= float(original)):
        return None
    return str(int(value))


def with_options(answer: str, wrong: list[str], rng: Random) -> tuple[str, ...]:
    options = [answer, *wrong]
    rng.shuffle(options)
    return tuple(options)


# -- building a quiz ------------------------------------------------------------------------
def build_quiz(deck: Deck, *, count: int = 10, kind: str = "mixed", book: str | None = None,
               typed: bool = False, rng: Random | None = None) -> list[Question]:
    """``count`` questions (fewer if the deck has too few cloze cards for ``kind=cloze``)."""
    if kind not in KINDS:
        raise StudykitError(f"unknown quiz kind {kind!r}", f"use one of {', '.join(KINDS)}")
    rng = rng or Random()
    filters = Filters(book=book).resolve(deck.conn)  # NotFound when no book matches
    shapes_wanted = {"cloze": 0, "shape": count, "mixed": count // 2}[kind]
    cloze = cloze_questions(deck, count - shapes_wanted, filters, rng, typed)
    if kind == "cloze" and not cloze:
        raise StudykitError("no cloze cards with answers to quiz on",
                            "import some notes first: studykit import PATH")
    shape_count = 0 if kind == "cloze" else count - len(cloze)
    questions = cloze + shape_questions(shape_count, rng, typed)
    if kind == "mixed":
        rng.shuffle(questions)
    return questions


def cloze_questions(deck: Deck, count: int, filters: Filters, rng: Random,
                    typed: bool = False) -> list[Question]:
    """Random non-suspended cloze cards with an answer, one per highlight while possible
    (a sibling card would show the answer of another)."""
    if count <= 0:
        return []
    candidates = sql.cloze_candidates(deck.conn, filters.resolve(deck.conn))
    rng.shuffle(candidates)
    first, later, highlights = [], [], set()
    for card_id, highlight in candidates:
        (later if highlight in highlights else first).append(card_id)
        highlights.add(highlight)
    rows = sql.cloze_cards(deck.conn, (first + later)[:count])
    pool = [] if typed else candidate_pool(sql.cloze_answers(deck.conn))
    return [_cloze_question(row, pool, rng, typed) for row in rows]


def _cloze_question(row, pool: list[Candidate], rng: Random, typed: bool) -> Question:
    options: tuple[str, ...] = ()
    if not typed:
        wrong = distractors(row["answer"], rng, pool=pool, book_id=row["book_id"],
                            front=row["front"])
        options = with_options(row["answer"], wrong, rng) if wrong else ()  # else: typed
    return Question("cloze", row["front"], row["answer"], options, row["id"], row["book_title"])


def shape_questions(count: int, rng: Random, typed: bool = False) -> list[Question]:
    """``count`` random shape problems, answered by the static shape arithmetic."""
    problems: dict[str, ShapeProblem] = {}
    for _ in range(count * 20):
        if len(problems) >= count:
            break
        problem = random_problem(rng)
        problems.setdefault(problem.key(), problem)
    questions = []
    for problem in problems.values():
        trace = problem.trace()
        answer = problem.answer_text(trace[-1])
        options: tuple[str, ...] = ()
        if not typed:
            misses = near_misses(problem, trace[-1])
            rng.shuffle(misses)
            options = with_options(answer, distractors(answer, rng, extra=misses), rng)
        questions.append(Question("shape", problem.prompt(), answer, options, None, "shapes",
                                  tuple(problem.working(trace))))
    return questions


# -- answering and scoring -------------------------------------------------------------------
class QuizSession:
    """Answers, the score, and the due-now rule for wrong cloze answers (committed at once,
    so quitting or a crash keeps what was answered)."""

    def __init__(self, deck: Deck, questions: list[Question], *,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.deck, self.questions, self.clock = deck, questions, clock
        self.results: list[Result] = []

    def answer(self, question: Question, given: str) -> Result:
        result = Result(question, given, question.is_right(given))
        if not result.correct and question.card_id:
            with self.deck.transaction() as conn:
                sql.make_due_now(conn, question.card_id, to_db_time(self.clock()))
        self.results.append(result)
        return result

    @property
    def score(self) -> tuple[int, int]:
        return sum(r.correct for r in self.results), len(self.results)

    @property
    def missed(self) -> list[Result]:
        return [r for r in self.results if not r.correct]
