"""The small text form ``studykit edit`` opens in an editor: one card, written out so that
a person can change it, and read back into the card's front, back and answer.

A cloze card is one ``text`` section where ``{{c1::…}}`` marks what the card hides; every
other card (Q&A, basic, thought, code, recall, shape) has ``front`` and ``back`` sections,
and an ``answer`` section when the card has an expected answer. Lines before the first
section marker are comments. A form that cannot be read raises :class:`FormError`, whose
message says what is wrong; a form whose sections are all empty cancels the edit.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from studykit.errors import StudykitError

BLANK = "[...]"  # how a cloze card's front shows what it hides (as studykit.cards makes it)
ANSWERS_JOIN = " / "  # several different hidden texts in one card, in the answer column
_MARKER = re.compile(r"^=== ([a-z]+) ===[ \t]*$")
_CLOZE_MARK = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)
CLOZE_SECTIONS = ("text",)
QA_SECTIONS = ("front", "back", "answer")


class FormError(StudykitError):
    """An edited card form that cannot be read; the message says why."""


@dataclass(frozen=True)
class CardFields:
    front: str
    back: str
    answer: str | None


@dataclass(frozen=True)
class FormCard:
    """What the form shows of a card besides its fields."""

    id: str
    kind: str
    book: str
    chapter: str
    fields: CardFields


# --- writing the form -------------------------------------------------------------------


def render(card: FormCard) -> str:
    where = " · ".join(x for x in (card.book, card.chapter) if x)
    head = [f"# studykit edit · card {card.id} ({card.kind}){' · ' + where if where else ''}",
            "# Change the text under the === lines, save and quit. Lines above the first",
            "# === line are ignored; empty every section to cancel."]
    marked = cloze_text(card.fields) if card.kind == "cloze" else None
    if marked is not None:
        head.append("# {{c1::…}} marks what the card hides; mark one or more places.")
        return "\n".join([*head, "", "=== text ===", marked, ""])
    sections = [("front", card.fields.front), ("back", card.fields.back)]
    if card.fields.answer is not None or card.kind in ("qa", "cloze"):
        head.append("# The answer is what the card expects (it may be empty).")
        sections.append(("answer", card.fields.answer or ""))
    body = [line for name, text in sections for line in (f"=== {name} ===", text, "")]
    return "\n".join([*head, "", *body])


def cloze_text(fields: CardFields) -> str | None:
    """The card's text with ``{{c1::…}}`` around what its front hides, or None when
    the front and back do not line up (such a card is edited as front/back)."""
    parts = fields.front.split(BLANK)
    if len(parts) < 2 or not fields.answer:
        return None
    answers = [fields.answer] * (len(parts) - 1)
    if _interleave(parts, answers) != fields.back:
        answers = fields.answer.split(ANSWERS_JOIN)
        if len(answers) != len(parts) - 1 or _interleave(parts, answers) != fields.back:
            return _aligned(fields)
    return _interleave(parts, [f"{{{{c1::{a}}}}}" for a in answers])


def _interleave(parts: list[str], fillers: list[str]) -> str:
    out = [parts[0]]
    for filler, part in zip(fillers, parts[1:], strict=True):
        out += [filler, part]
    return "".join(out)


def _aligned(fields: CardFields) -> str | None:
    """Line the front up with the back by difference: each blank faces its hidden text."""
    matcher = difflib.SequenceMatcher(None, fields.front, fields.back, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(fields.front[i1:i2])
        elif tag == "replace" and fields.front[i1:i2] == BLANK and j2 > j1:
            out.append(f"{{{{c1::{fields.back[j1:j2]}}}}}")
        else:
            return None
    return "".join(out)


# --- reading it back --------------------------------------------------------------------


def parse(text: str, kind: str) -> CardFields | None:
    """The card fields a saved form gives; None when every section is empty (cancel).
    Raises FormError with every problem found."""
    sections = _sections(text)
    if "text" in sections or (kind == "cloze" and not {"front", "back"} & set(sections)):
        allowed, required = CLOZE_SECTIONS, CLOZE_SECTIONS
    else:
        allowed, required = QA_SECTIONS, ("front", "back")
    problems = [f"unknown section '=== {name} ==='" for name in sections if name not in allowed]
    problems += [f"the '=== {name} ===' section is missing" for name in required
                 if name not in sections]
    if problems:
        raise FormError("; ".join(problems))
    if not any(sections.values()):
        return None
    if allowed == CLOZE_SECTIONS:
        return _cloze_fields(sections["text"])
    problems = [f"the {name} is empty" for name in required if not sections[name]]
    if problems:
        raise FormError("; ".join(problems))
    return CardFields(sections["front"], sections["back"], sections.get("answer") or None)


def _sections(text: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    duplicates = []
    for line in text.replace("\r\n", "\n").split("\n"):
        marker = _MARKER.match(line)
        if marker:
            name = marker.group(1)
            if name in sections:
                duplicates.append(name)
            current = sections.setdefault(name, [])
        elif current is not None:
            current.append(line.rstrip())
    if not sections:
        raise FormError("the form has no '=== … ===' section lines")
    if duplicates:
        raise FormError(f"the '=== {duplicates[0]} ===' section appears twice")
    return {name: "\n".join(lines).strip("\n") for name, lines in sections.items()}


def _cloze_fields(text: str) -> CardFields:
    marks = list(_CLOZE_MARK.finditer(text))
    problems = []
    if not marks:
        problems.append("the text has no {{c1::…}} mark: mark what the card hides")
    numbers = sorted({m.group(1) for m in marks} - {"1"})
    if numbers:
        problems.append(f"this card hides cloze 1: write {{{{c1::…}}}}, not c{numbers[0]}")
    if any("::" in m.group(2) for m in marks):
        problems.append("hints ({{c1::text::hint}}) are not supported: write {{c1::text}}")
    if any(not m.group(2).strip() for m in marks):
        problems.append("a {{c1::}} mark hides nothing")
    rest = _CLOZE_MARK.sub("", text)
    if "{{" in rest or "}}" in rest:
        problems.append("a {{ or }} is not part of a complete {{c1::…}} mark")
    if problems:
        raise FormError("; ".join(problems))
    answers = list(dict.fromkeys(m.group(2) for m in marks))
    front = _CLOZE_MARK.sub(BLANK, text)
    back = _CLOZE_MARK.sub(lambda m: m.group(2), text)
    return CardFields(front, back, ANSWERS_JOIN.join(answers))
