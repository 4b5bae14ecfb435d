"""Turning highlights into cards. Card ids are ``<highlight id>:<kind>:<ordinal>`` so
that regenerating cards for a highlight keeps every card's review history."""

from __future__ import annotations

from dataclasses import dataclass

_set_attribute = object.__setattr__


@dataclass(frozen=True, init=False)
class CardSpec:
    kind: str  # cloze, qa, thought, code, recall
    ordinal: int
    front: str
    back: str
    answer: str | None = None

    def __init__(self, kind: str, ordinal: int, front: str, back: str,
                 answer: str | None = None) -> None:
        # one store instead of the frozen dataclass's five object.__setattr__ calls: cards
        # are made for every highlight of an import
        _set_attribute(self, "__dict__", {"kind": kind, "ordinal": ordinal, "front": front,
                                          "back": back, "answer": answer})

    def card_id(self, highlight_id: str) -> str:
        return f"{highlight_id}:{self.kind}:{self.ordinal}"
