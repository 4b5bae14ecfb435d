"""Deck statistics: counts by state, what falls due, true retention, the review calendar.

Everything is measured in study days (``config.day_start_hour`` in ``config.timezone``,
see :mod:`studykit.days`). The SQL lives in :mod:`studykit.deck.stats_queries`; this
module turns exact study-day boundaries into UTC edges and does the arithmetic.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from studykit.config import Config
from studykit.days import day_start, study_day, zone
from studykit.deck import stats_queries as q
from studykit.deck import to_db_time
from studykit.deck.queries import STATE_NAMES

FORECAST_DAYS = 30
HEATMAP_DAYS = 183  # about six months, today included
RETENTION_WINDOWS = {"today": 1, "7d": 7, "30d": 30}


class _Days:
    """Study-day arithmetic for one configuration and one moment."""

    def __init__(self, now: datetime, config: Config) -> None:
        self.tz = zone(config.timezone)
        self.hour = config.day_start_hour
        self.today = study_day(now, self.tz, self.hour)

    def edge(self, day: date) -> str:
        """When study day ``day`` begins, in the deck's UTC text format."""
        return to_db_time(day_start(day, self.tz, self.hour))

    def edges(self, first: date, count: int) -> list[str]:
        """The ``count + 1`` boundaries of ``count`` study days from ``first``."""
        return [self.edge(first + timedelta(days=i)) for i in range(count + 1)]


def compute_stats(conn: sqlite3.Connection, now: datetime, config: Config) -> dict:
    """Everything ``studykit stats`` shows, as plain JSON-ready data."""
    days = _Days(now, config)
    forecast = _forecast(conn, days)
    heatmap = _heatmap(conn, days)
    return {
        "today": days.today.isoformat(),
        "cards": _card_counts(conn),
        "due_today": forecast[0],
        "due_tomorrow": forecast[1],
        "reviews_today": heatmap.get(days.today.isoformat(), 0),
        "true_retention": _true_retention(conn, days),
        "forecast": forecast,
        "heatmap": heatmap,
        "streak": _streak(conn, days, heatmap),
    }


def _card_counts(conn: sqlite3.Connection) -> dict[str, int]:
    counts = dict.fromkeys([*STATE_NAMES.values(), "suspended", "deleted"], 0)
    for state, suspended, deleted, n in q.card_counts(conn):
        counts["deleted" if deleted else "suspended" if suspended else STATE_NAMES[state]] += n
    return counts


def _forecast(conn: sqlite3.Connection, days: _Days) -> list[int]:
    """Cards due on each of the next study days; day 0 takes everything overdue too."""
    edges = days.edges(days.today, FORECAST_DAYS)
    edges[0] = ""
    return q.due_counts(conn, edges)


def _heatmap(conn: sqlite3.Connection, days: _Days) -> dict[str, int]:
    """Answers per study day over the last six months (days without any left out)."""
    first = days.today - timedelta(days=HEATMAP_DAYS - 1)
    counts = q.review_counts(conn, days.edges(first, HEATMAP_DAYS))
    return {(first + timedelta(days=i)).isoformat(): n for i, n in enumerate(counts) if n}


def _streak(conn: sqlite3.Connection, days: _Days, heatmap: dict[str, int]) -> int:
    """Consecutive study days with answers, ending today (or yesterday, when today has
    none yet). Reads the heatmap where it can and probes the log beyond it."""
    def studied(day: date) -> bool:
        if day > days.today - timedelta(days=HEATMAP_DAYS):
            return day.isoformat() in heatmap
        return q.has_reviews(conn, days.edge(day), days.edge(day + timedelta(days=1)))

    day = days.today if studied(days.today) else days.today - timedelta(days=1)
    streak = 0
    while studied(day):
        streak += 1
        day -= timedelta(days=1)
    return streak


def _true_retention(conn: sqlite3.Connection, days: _Days) -> dict[str, dict]:
    """Anki's true retention: the first answer of each review card per study day;
    Again fails, anything else passes; young below a 21-day interval, mature from it."""
    longest = max(RETENTION_WINDOWS.values())
    edges = days.edges(days.today - timedelta(days=longest - 1), longest)
    outcomes = q.first_review_outcomes(conn, edges)
    result = {}
    for name, length in RETENTION_WINDOWS.items():
        tally = {kind: {"pass": 0, "fail": 0} for kind in ("young", "mature", "all")}
        for index, mature, failed, n in outcomes:
            if index >= longest - length:  # ranges run oldest first, today last
                key = "fail" if failed else "pass"
                tally["mature" if mature else "young"][key] += n
                tally["all"][key] += n
        result[name] = {kind: _with_rate(t) for kind, t in tally.items()}
    return result


def _with_rate(tally: dict[str, int]) -> dict:
    total = tally["pass"] + tally["fail"]
    return {**tally, "rate": tally["pass"] / total if total else None}
