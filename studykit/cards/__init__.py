"""Turning highlights into cards. Card ids are ``<highlight id>:<kind>:<ordinal>`` so
that regenerating cards for a highlight keeps every card's review history."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CardSpec:
    kind: str  # cloze, qa, thought, code, recall
    ordinal: int
    front: str
    back: str
    answer: str | None = None

    def card_id(self, highlight_id: str) -> str:
        return f"{highlight_id}:{self.kind}:{self.ordinal}"
