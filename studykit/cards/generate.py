"""Cards for one highlight: a pure function of (text, kind, note, chapter).

- text  -> one to three ``cloze`` siblings (see ``cloze`` and ``spans``), a ``qa`` card when
           the highlight defines or explains something (see ``qa``);
- code  -> a ``shape`` card ("what shape comes out?", computed by ``snippet``) or a ``code``
           card ("fill in the missing line");
- note  -> a ``thought`` card (the reader's own thought: which idea was it about?);
- a text highlight that gives none of these -> a ``recall`` card (its opening words on the
  front), unless the whole highlight fits in that opening: a lone heading or term such as
  ``梯度裁剪`` has nothing left to recall, so it makes no card.

Card ids are ``<highlight id>:<kind>:<ordinal>``: the same highlight always gives the same
kinds and ordinals (cloze ordinal 1 hides the most preferred span), so regenerating keeps
every card's review history.
"""

from __future__ import annotations

from studykit.cards import CardSpec
from studykit.cards.cloze import BLANK, cloze_spans, sibling_limit
from studykit.cards.code import code_cards
from studykit.cards.qa import question

__all__ = ["BLANK", "generate_cards"]
THOUGHT_QUESTION = "这是你读书时写下的想法：\n{note}\n\n它是针对哪段内容、哪个概念写的？"
RECALL_OPENING = 12


def generate_cards(text: str, *, kind: str = "text", note: str | None = None,
                   chapter: str = "", front: str | None = None) -> list[CardSpec]:
    """Cards for one highlight that is not junk (see cards.junk.is_junk), possibly none; a
    ``card`` highlight (from an Anki-style CSV) is one ``basic`` card with its own
    ``front``."""
    if kind == "card":
        return [CardSpec("basic", 1, front or "", text)]
    if kind == "code":
        cards = code_cards(text)
    else:
        clozes = cloze_spans(text, sibling_limit(text))
        cards = [CardSpec("cloze", i, front, text, answer)
                 for i, (front, answer) in enumerate(clozes, 1)]
        found = question(text)
        if found:
            cards.append(CardSpec("qa", 1, found[0], text, found[1]))
    if note and note.strip():
        cards.append(thought_card(text, note.strip(), chapter))
    if not cards and len(text) > RECALL_OPENING:
        cards.append(recall_card(text, chapter))
    return cards


def thought_card(text: str, note: str, chapter: str) -> CardSpec:
    front = THOUGHT_QUESTION.format(note=note)
    if chapter:
        front += f"（{chapter}）"
    return CardSpec("thought", 1, front, f"{text}\n\n💭 {note}")


def recall_card(text: str, chapter: str) -> CardSpec:
    opening = text[:RECALL_OPENING] + "…"
    where = f"{chapter}: " if chapter else ""
    return CardSpec("recall", 1, f"{where}{opening}", text)
