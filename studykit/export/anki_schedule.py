"""The schedule and review log of an Anki package (legacy schema 11, as genanki writes it).

Card columns (Anki's ``cards`` table): ``type`` 0 new, 1 learning, 2 review, 3 relearning;
``queue`` the same (0-3, no buried or suspended cards are exported); ``due`` a new card's
position, a learning card's due time in epoch seconds, or a review card's due day counted
from the collection's creation day ``crt``; ``ivl`` the interval in days; ``left`` the
learning steps still to go; ``data`` the FSRS memory state (``s`` stability in days,
``d`` difficulty 1-10, ``dr`` desired retention, ``lrt`` the last review in epoch seconds).

Day numbers: the package's collection is created at the start of the learner's study day
(``crt``, with its UTC offset as ``creationOffset`` and the day start as ``rollover``), so
"today" is day 0 there and a card due in 5 study days has ``due = 5``; Anki's importer
shifts day numbers by how far the package's "today" is from the collection's.

Review log (``revlog``): ``id`` the answer's time in epoch milliseconds, ``ease`` the
button 1-4, ``ivl`` / ``lastIvl`` the interval after / before in days (negative: seconds,
for learning steps), ``time`` the answer's duration in ms, ``type`` 0 learning, 1 review,
2 relearning.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from studykit.config import Config
from studykit.days import day_bounds, study_day, zone
from studykit.deck import anki as sql
from studykit.deck import from_db_time
from studykit.scheduler import LEARNING, NEW, RELEARNING, REVIEW, CardState

DEFAULT_EASE = 2500  # permille; FSRS ignores it, the SM-2 scheduler starts from it
MAX_ANSWER_MS = 60_000  # Anki caps an answer's recorded time at a minute


class PackageDays:
    """Day numbers of the package's collection, created at the start of today's study
    day in the learner's zone."""

    def __init__(self, now: datetime, config: Config) -> None:
        self.tz, self.hour = zone(config.timezone), config.day_start_hour
        start, _ = day_bounds(now, self.tz, self.hour)
        self.crt = int(start.timestamp())
        self.offset_minutes_west = -int(start.utcoffset().total_seconds() // 60)
        self.today = study_day(now, self.tz, self.hour)

    def day(self, moment: datetime) -> int:
        return (study_day(moment, self.tz, self.hour) - self.today).days

    def conf(self, conf: dict) -> dict:
        return {**conf, "schedVer": 2, "creationOffset": self.offset_minutes_west,
                "rollover": self.hour}


def write_schedule(db: sqlite3.Connection, deck_conn: sqlite3.Connection, notes, now: float,
                   config: Config) -> int:
    """Give the package's cards (written by genanki, all new) their studykit schedule and
    add the review log; returns how many log rows were written."""
    moment = datetime.fromtimestamp(now, timezone.utc)
    days = PackageDays(moment, config)
    conf = json.loads(db.execute("SELECT conf FROM col").fetchone()[0])
    db.execute("UPDATE col SET crt = ?, conf = ?", (days.crt, json.dumps(days.conf(conf))))
    anki_ids = _anki_card_ids(db, notes)
    studykit = sql.schedules(deck_conn, list(anki_ids))
    position = 0
    for card_id, anki_id in anki_ids.items():
        row = studykit[card_id]
        columns = card_columns(_state(row), position, days, config)
        position += row["state"] == NEW
        db.execute("UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, "
                   "reps = ?, lapses = ?, left = ?, data = ?, flags = ? WHERE id = ?",
                   (*columns, row["flag"] if 0 <= row["flag"] <= 7 else 0, anki_id))
    return _write_revlog(db, sql.review_logs(deck_conn, list(anki_ids)), anki_ids)


def _anki_card_ids(db: sqlite3.Connection, notes) -> dict[str, int]:
    """studykit card id -> the id genanki gave its Anki card, in export order."""
    by_guid = {note.guid: note for note in notes}
    found = {}
    for anki_id, guid, ordinal in db.execute(
            "SELECT c.id, n.guid, c.ord FROM cards c JOIN notes n ON n.id = c.nid"):
        card_id = by_guid[guid].cards.get(ordinal)
        if card_id is not None:
            found[card_id] = anki_id
    return {card_id: found[card_id] for note in notes for card_id in note.cards.values()}


def _state(row) -> CardState:
    return CardState(row["state"], row["step"], row["stability"], row["difficulty"],
                     from_db_time(row["due"]) if row["due"] else None,
                     from_db_time(row["last_review"]) if row["last_review"] else None,
                     row["reps"], row["lapses"])


def card_columns(state: CardState, position: int, days: PackageDays, config: Config) -> tuple:
    """(type, queue, due, ivl, factor, reps, lapses, left, data) of one Anki card."""
    if state.state == NEW or state.due is None:
        return (0, 0, position, 0, 0, 0, 0, 0, "")
    memory = _memory(state, config)
    if state.state == REVIEW:
        return (2, 2, days.day(state.due), interval_days(state), DEFAULT_EASE, state.reps,
                state.lapses, 0, memory)
    steps = config.learning_steps if state.state == LEARNING else config.relearning_steps
    left = max(len(steps) - (state.step or 0), 1)
    ease = 0 if state.state == LEARNING else DEFAULT_EASE
    ivl = interval_days(state) if state.state == RELEARNING else 0
    return (state.state, 1, int(state.due.timestamp()), ivl, ease, state.reps, state.lapses,
            left, memory)


def interval_days(state: CardState) -> int:
    if state.due is None or state.last_review is None:
        return 0
    return max(round((state.due - state.last_review).total_seconds() / 86400), 1)


def _memory(state: CardState, config: Config) -> str:
    if state.stability is None or state.difficulty is None:
        return ""
    data = {"s": round(state.stability, 4), "d": round(state.difficulty, 3),
            "dr": round(config.desired_retention, 2)}
    if state.last_review is not None:
        data["lrt"] = int(state.last_review.timestamp())
    return json.dumps(data)


def revlog_interval(state: CardState, at: datetime) -> int:
    """Days for a review card, minus the seconds to the next step for a learning one."""
    if state.state == NEW or state.due is None:
        return 0
    if state.state == REVIEW:
        return interval_days(state)
    return -max(int((state.due - at).total_seconds()), 1)


REVLOG_TYPE = {NEW: 0, LEARNING: 0, REVIEW: 1, RELEARNING: 2}


def _write_revlog(db: sqlite3.Connection, logs, anki_ids: dict[str, int]) -> int:
    used: set[int] = set()
    rows = []
    for log in logs:
        at = from_db_time(log["reviewed_at"])
        before = CardState.from_dict(json.loads(log["state_before"]))
        after = CardState.from_dict(json.loads(log["state_after"]))
        revlog_id = int(at.timestamp() * 1000)
        while revlog_id in used:  # answers within one second: ids must differ
            revlog_id += 1
        used.add(revlog_id)
        rows.append((revlog_id, anki_ids[log["card_id"]], -1, log["rating"],
                     revlog_interval(after, at), revlog_interval(before, at),
                     DEFAULT_EASE if before.state in (REVIEW, RELEARNING) else 0,
                     min(log["duration_ms"] or 0, MAX_ANSWER_MS), REVLOG_TYPE[before.state]))
    db.executemany("INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
