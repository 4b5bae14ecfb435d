"""Writing the cards of new and changed highlights during an import.

New card ids are inserted and changed text or links updated, except on cards the reader
edited or deleted (those stay as the reader left them). For each changed highlight with
reviewed cards, :func:`studykit.card_heirs.plan_heirs` says where each history goes, and
it moves there; cards the generator no longer makes and that end with no history are
suspended as stale (their rows stay).
"""

from __future__ import annotations

from studykit.card_heirs import CardText, Plan, plan_heirs
from studykit.deck import card_edits
from studykit.deck import imports as sql
from studykit.deck.card_edits import DELETED

RETIRED = ("stale", "removed", DELETED)  # suspension reasons of cards no longer in use


def write_cards(conn, changed: list[tuple[str, list[tuple]]], result, now: str) -> None:
    """``changed``: (highlight id, its card rows) of new and changed highlights; counts go
    to ``result`` (an importer.FileResult)."""
    existing = sql.existing_cards(conn, [i for i, _ in changed]) if result.updated else {}
    generated = {row[sql.C_ID]: row for _, rows in changed for row in rows}
    plans = [_plan(highlight_id, rows, existing) for highlight_id, rows in changed
             if _has_history(highlight_id, existing)]
    plan = _merged(plans)
    snapshot = card_edits.snapshot(conn, [old for old, _ in plan.moves]) if plan.moves else None
    inserts = [row for card_id, row in generated.items() if card_id not in existing]
    updates = [row for card_id, row in generated.items()
               if card_id in existing and _needs_update(existing[card_id], row)]
    sql.insert_cards(conn, inserts)
    sql.update_card_text(conn, updates)
    if snapshot is not None:
        card_edits.move_histories(conn, plan.moves, plan.rehomed, snapshot, now)
        card_edits.reset(conn, sorted(plan.emptied & generated.keys()), stale=False, now=now)
        card_edits.reset(conn, sorted(plan.emptied - generated.keys()), stale=True, now=now)
    keep = {card_id for card_id, card in existing.items() if _keeps_history(card)}
    keep |= set(plan.rehomed)
    stale = [i for i, card in existing.items() if i not in generated and not card.edited
             and i not in keep and i not in plan.emptied]
    received = {row for _, row in plan.moves}
    revived = [i for i in generated if i in existing and existing[i].suspend_reason == "stale"
               and i not in received]
    sql.set_stale(conn, stale, revived, now)
    result.cards_suspended += len(stale) + len(plan.emptied - generated.keys())
    result.cards_new += len(inserts)
    result.cards_updated += len(updates)


def _needs_update(current: sql.ExistingCard, row: tuple) -> bool:
    if current.edited or current.suspend_reason == DELETED:
        return False  # the reader's card, as the reader left it
    return (current[:3] != row[sql.C_FRONT:sql.C_ANSWER + 1]
            or bool(row[sql.C_EXERCISE]) and current.exercise_id != row[sql.C_EXERCISE])


def _keeps_history(card: sql.ExistingCard) -> bool:
    """A reviewed card in use (or suspended by the reader) that the reader did not edit:
    its history goes to its heir, or stays."""
    return card.reviewed and not card.edited and card.suspend_reason not in RETIRED


def _has_history(highlight_id: str, existing: dict[str, sql.ExistingCard]) -> bool:
    return any(card.highlight_id == highlight_id and _keeps_history(card)
               for card in existing.values())


def _plan(highlight_id: str, rows: list[tuple], existing: dict[str, sql.ExistingCard]) -> Plan:
    mine = {i: card for i, card in existing.items() if card.highlight_id == highlight_id}
    made = {row[sql.C_ID] for row in rows}
    sources = [_text(i, card.front, card.answer) for i, card in mine.items()
               if _keeps_history(card)]
    targets = [_text(row[sql.C_ID], row[sql.C_FRONT], row[sql.C_ANSWER]) for row in rows
               if _may_take_history(mine.get(row[sql.C_ID]))]
    spare = [_text(i, card.front, card.answer) for i, card in mine.items()
             if i not in made and not card.reviewed and not card.edited
             and card.suspend_reason != DELETED]
    return plan_heirs(sources, targets, spare)


def _may_take_history(card: sql.ExistingCard | None) -> bool:
    """A card made from the new text that may take a history: a new one, one with no
    history the reader left alone, or a reviewed one made again (it may stay itself)."""
    if card is None:
        return True
    if card.edited or card.suspend_reason == DELETED:
        return False
    return _keeps_history(card) or (not card.reviewed and card.suspend_reason in (None, "stale"))


def _merged(plans: list[Plan]) -> Plan:
    merged = Plan()
    for plan in plans:
        merged.moves += plan.moves
        merged.rehomed.update(plan.rehomed)
        merged.emptied |= plan.emptied
    return merged


def _text(card_id: str, front: str, answer: str) -> CardText:
    return CardText(card_id, card_id.rsplit(":", 2)[-2], front, answer or None)
