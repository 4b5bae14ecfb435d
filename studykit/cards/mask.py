"""Mask a card's answer where the review header shows the chapter title.

``8.2 稠密连接卷积网络（DenseNet）`` above ``[...]更进一步…`` answers the card before it is
read. ``mask_chapter`` blanks every part of the answer in the title: each of several marked
answers (``a / b``), a term and its gloss (``随机梯度下降法（SGD）``: both), Latin words in any
case and with or without spaces (``Inception块`` in ``Inception 块``).
"""

from __future__ import annotations

import re

from studykit.cards.cloze import BLANK

_PARTS = re.compile(r"\s/\s|[（()），,]")
MIN_PART = 2  # a one-letter part would mask half the title


def mask_chapter(chapter: str, answer: str | None) -> str:
    """``chapter`` with every occurrence of the answer's parts replaced by ``[...]``."""
    if not chapter or not answer:
        return chapter
    for part in sorted({p.strip() for p in _PARTS.split(answer)}, key=len, reverse=True):
        if len(part) >= MIN_PART:
            chapter = _loose(part).sub(BLANK, chapter)
    return chapter


def _loose(part: str) -> re.Pattern[str]:
    """``part``, its characters allowed to be apart by spaces, Latin in any case."""
    pattern = r"\s*".join(re.escape(char) for char in part if not char.isspace())
    return re.compile(pattern, re.IGNORECASE)
