"""Cards for one highlight: a pure function of (text, kind, note, chapter).

- the reader's marks (``==x==``, ``**x**``, ``{{c1::x}}``, see ``marks``) -> exactly those
  cloze cards, and no automatic blank;
- text  -> one to three ``cloze`` siblings (see ``cloze``, ``spans`` and ``layout``), a
  ``qa`` card when the highlight defines or explains something (see ``qa``);
- code  -> a ``shape`` card ("what shape comes out?", computed by ``snippet``) or a ``code``
  card ("fill in the missing line"), or none;
- note  -> a ``thought`` card (the reader's own thought: which idea was it about?);
- a text highlight that gives none of these -> a ``recall`` card (its opening words on the
  front), when it says enough to recall: never for a heading, a figure caption, a formula or
  a lead-in to a listing that is not there (``…如下：``).

Page chrome (link lists, notebook boilerplate, tables of contents, see ``chrome``) makes no
card, and a selection cut mid-word is trimmed first (see ``trim``).

Card ids are ``<highlight id>:<kind>:<ordinal>``: the same highlight always gives the same
kinds and ordinals (cloze ordinal 1 hides the most preferred span), so regenerating keeps
every card's review history.
"""

from __future__ import annotations

from studykit.cards import CardSpec
from studykit.cards.chrome import chrome
from studykit.cards.cloze import BLANK, cloze_spans, sibling_limit
from studykit.cards.code import code_cards
from studykit.cards.layout import layout
from studykit.cards.marks import has_marks, marked_cards, strip
from studykit.cards.qa import question
from studykit.cards.trim import trim

__all__ = ["BLANK", "generate_cards"]
THOUGHT_QUESTION = "这是你读书时写下的想法：\n{note}\n\n它是针对哪段内容、哪个概念写的？"
RECALL_OPENING = 12
RECALL_UNITS = 30  # characters and words a highlight must say to be worth recalling
_CLAUSE_BREAKS = frozenset("，,。；;：:！？!?\n")


def generate_cards(text: str, *, kind: str = "text", note: str | None = None,
                   chapter: str = "", front: str | None = None) -> list[CardSpec]:
    """Cards for one highlight that is not junk (see cards.junk.is_junk), possibly none; a
    ``card`` highlight (from an Anki-style CSV) is one ``basic`` card with its own
    ``front``."""
    if kind == "card":
        return [CardSpec("basic", 1, front or "", text)]
    if kind == "code":  # == and ** are Python there: marks count in the thought only
        cards = code_cards(text)
        note = strip(note) if note else note
    elif has_marks(text) or (note and has_marks(note)):
        cards, text, note = marked_cards(text, note)
        found = question(text)
        if found:
            cards.append(CardSpec("qa", 1, found[0], text, found[1]))
    else:
        text = trim(text)
        cards = [] if chrome(text) else _text_cards(text, chapter)
    if note and note.strip():
        cards.append(thought_card(text, note.strip(), chapter))
    return cards


def _text_cards(text: str, chapter: str) -> list[CardSpec]:
    where = layout(text)
    clozes = cloze_spans(text, sibling_limit(text), where)
    cards = [CardSpec("cloze", i, front, text, answer)
             for i, (front, answer) in enumerate(clozes, 1)]
    found = question(text)
    if found:
        cards.append(CardSpec("qa", 1, found[0], text, found[1]))
    if not cards and where.body_units >= RECALL_UNITS and len(text) > RECALL_OPENING \
            and text[-1] not in (":", "："):  # a lead-in to what is not there: nothing to recall
        cards.append(recall_card(text, chapter))
    return cards


def thought_card(text: str, note: str, chapter: str) -> CardSpec:
    front = THOUGHT_QUESTION.format(note=note)
    if chapter:
        front += f"（{chapter}）"
    return CardSpec("thought", 1, front, f"{text}\n\n💭 {note}")


def recall_card(text: str, chapter: str) -> CardSpec:
    where = f"{chapter}: " if chapter else ""
    return CardSpec("recall", 1, f"{where}{opening(text)}…", text)


def opening(text: str) -> str:
    """About ``RECALL_OPENING`` characters of ``text``: to its first clause break when that
    comes soon enough, and never through a Latin word (``torch.cuda.d…``) or a Chinese one
    (``从一个序…``: the cut goes after the word, as the segmenter cuts it)."""
    for i, char in enumerate(text[:RECALL_OPENING + 4]):
        if char in _CLAUSE_BREAKS and i >= RECALL_OPENING // 2:
            return text[:i]
    end = RECALL_OPENING
    while end < len(text) and text[end - 1].isascii() and text[end - 1].isalnum() \
            and text[end].isascii() and text[end].isalnum():
        end += 1
    if end < len(text) and _is_cjk(text[end - 1]) and _is_cjk(text[end]):
        end = _word_end(text, end)
    return text[:end]


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _word_end(text: str, end: int) -> int:
    """The end of the word that ``end`` falls in (a recall card is rare: the segmenter is
    loaded for it, as for keywords)."""
    from studykit.cards.keywords import segmenter

    position = 0
    for word in segmenter().cut(text[:end + RECALL_OPENING], False):
        position += len(word)
        if position >= end:
            return position
    return end
