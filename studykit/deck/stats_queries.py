"""Read-only aggregate queries behind ``studykit stats`` and ``studykit optimize``.

Time ranges come in as *edges*: a sorted list of UTC times in the deck's text format
(``YYYY-MM-DDTHH:MM:SSZ``); range ``i`` is ``[edges[i], edges[i + 1])``. The caller
computes the edges from exact study-day boundaries, so every count here is exact
whatever the time zone, its daylight-saving changes or the day-start hour. Each range
is an index range scan (``review_log_time``, ``cards_queue``), never a full table scan.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

MATURE_SECONDS = 21 * 86400  # Anki: a card is mature from a 21-day interval on

# The interval a card had when it was answered: due minus last review, in the
# snapshot taken before the answer (both ISO times with an offset).
_INTERVAL = ("CAST(strftime('%s', json_extract(state_before, '$.due')) AS INTEGER) - "
             "CAST(strftime('%s', json_extract(state_before, '$.last_review')) AS INTEGER)")


def _ranges(edges: Sequence[str]) -> tuple[str, list]:
    """A ``ranges(i, lo, hi)`` common table expression for consecutive edges."""
    if len(edges) < 2:
        raise ValueError("need at least two edges")
    rows = ", ".join("(?, ?, ?)" for _ in edges[1:])
    params: list = []
    for i, (lo, hi) in enumerate(zip(edges, edges[1:], strict=False)):
        params += [i, lo, hi]
    return f"WITH ranges(i, lo, hi) AS (VALUES {rows})", params


def card_counts(conn: sqlite3.Connection) -> list[tuple[int, int, int, int]]:
    """``(state, suspended, deleted, count)`` for every combination present; deleted as
    ``cards --is deleted`` has it (suspended with the reason ``deleted``)."""
    return [tuple(r) for r in conn.execute(
        "SELECT state, suspended, suspend_reason IS 'deleted', COUNT(*) FROM cards "
        "GROUP BY 1, 2, 3")]


def due_counts(conn: sqlite3.Connection, edges: Sequence[str]) -> list[int]:
    """Unsuspended cards in learning, review or relearning whose due time falls in each
    range (use ``""`` as the first edge to count everything overdue in range 0)."""
    cte, params = _ranges(edges)
    rows = conn.execute(
        f"{cte} SELECT (SELECT COUNT(*) FROM cards c WHERE c.suspended = 0 "
        "AND c.state IN (1, 2, 3) AND c.due >= ranges.lo AND c.due < ranges.hi) "
        "FROM ranges ORDER BY i", params)
    return [r[0] for r in rows]


def review_counts(conn: sqlite3.Connection, edges: Sequence[str]) -> list[int]:
    """How many answers the review log holds in each range."""
    cte, params = _ranges(edges)
    rows = conn.execute(
        f"{cte} SELECT (SELECT COUNT(*) FROM review_log r WHERE r.reviewed_at >= ranges.lo "
        "AND r.reviewed_at < ranges.hi) FROM ranges ORDER BY i", params)
    return [r[0] for r in rows]


def has_reviews(conn: sqlite3.Connection, lo: str, hi: str) -> bool:
    """Whether anything was answered in ``[lo, hi)`` (one index probe)."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM review_log WHERE reviewed_at >= ? "
                        "AND reviewed_at < ?)", (lo, hi)).fetchone()[0] == 1


def first_review_outcomes(conn: sqlite3.Connection, edges: Sequence[str]
                          ) -> list[tuple[int, bool, bool, int]]:
    """True-retention counts: ``(range, mature, failed, count)``.

    Only the first answer of each card in each range counts, and only when the card
    was in Review state before that answer. Failed means Again; mature means an
    interval of 21 days or more.
    """
    cte, params = _ranges(edges)
    rows = conn.execute(  # group small rows, then read the snapshot of the firsts only
        f"""{cte},
        firsts AS (
            SELECT ranges.i AS i, r.id AS id, MIN(r.reviewed_at)
            FROM ranges JOIN review_log r
              ON r.reviewed_at >= ranges.lo AND r.reviewed_at < ranges.hi
            GROUP BY ranges.i, r.card_id)
        SELECT i, ({_INTERVAL}) >= {MATURE_SECONDS} AS mature, rating = 1 AS failed,
               COUNT(*)
        FROM firsts JOIN review_log USING (id)
        WHERE json_extract(state_before, '$.state') = 2
        GROUP BY i, mature, failed""", params)
    return [(i, bool(mature), bool(failed), n) for i, mature, failed, n in rows]


def review_history(conn: sqlite3.Connection) -> Iterator[tuple[str, int, str, int | None]]:
    """Every answer as ``(card_id, rating, reviewed_at, duration_ms)``, grouped by card
    in time order (what the FSRS optimizer learns from)."""
    yield from conn.execute(
        "SELECT card_id, rating, reviewed_at, duration_ms FROM review_log "
        "ORDER BY card_id, reviewed_at, id")
