"""Generate a large, plausible deck for benchmarks (statistics, review queue).

    from deckgen import build_deck
    build_deck(path, cards=100_000, logs=1_000_000, seed=1)

Shape: one book; one highlight per card; 80% of cards have been studied and share the
``logs`` answers (spread over the last two years, so every study day has some), 2% of
cards are suspended, the rest are new. Each studied card's log reads like a real
history: a first answer when new, a second in learning, then Review-state answers
whose interval is the gap since the previous one; Again about one time in ten. Log rows
are written in time order, as a real deck's are. Everything goes in with
``executemany`` in one transaction into unindexed tables, indexes built after (about
25 s and 500 MB for the default size on a 2-core machine, most of it generating rows).
"""

from __future__ import annotations

import random
import sys
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studykit.deck import Deck, utc_now  # noqa: E402

SPAN_DAYS = 730
STUDIED_SHARE = 0.8
SUSPENDED_SHARE = 0.02
CREATED = "2023-01-01T00:00:00Z"


def build_deck(path: Path | str, cards: int = 100_000, logs: int = 1_000_000, seed: int = 1,
               now: datetime | None = None) -> Path:
    """Write a fresh deck at ``path`` (replacing one there) and return its path."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    now_s = int((now or utc_now()).timestamp())
    studied = int(cards * STUDIED_SHARE)
    per_card = [0] * studied
    for index in rng.choices(range(studied), k=logs) if studied else ():
        per_card[index] += 1
    with Deck(path) as deck:
        deck.conn.execute("PRAGMA journal_mode = OFF")  # a fresh file: nothing to protect
        with deck.transaction() as conn, _indexes_dropped(conn, ("cards", "review_log")):
            _insert(conn, rng, cards, per_card, now_s)
        deck.conn.execute("PRAGMA journal_mode = WAL")
    return path


def _insert(conn, rng: random.Random, cards: int, per_card: list[int], now_s: int) -> None:
    conn.execute("INSERT INTO books (id, title, source_format, created_at, updated_at) "
                 "VALUES ('bench', 'Benchmark book', 'generated', ?, ?)", (CREATED, CREATED))
    conn.executemany(
        "INSERT INTO highlights (id, book_id, position, text, content_hash, imported_at, "
        "updated_at) VALUES (?, 'bench', ?, ?, ?, ?, ?)",
        ((f"h{i}", i, f"highlight {i}", f"{i:x}", CREATED, CREATED) for i in range(cards)))
    card_rows, log_rows = [], []
    for i in range(cards):
        count = per_card[i] if i < len(per_card) else 0
        history, final = _history(rng, count, now_s)
        card_rows.append(_card_row(rng, i, count, final))
        log_rows += [(f"c{i}", *entry) for entry in history]
    conn.executemany(
        "INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, state, "
        "stability, difficulty, due, last_review, reps, lapses, suspended, created_at, "
        "updated_at) VALUES (?, ?, 'bench', 'basic', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        card_rows)
    log_rows.sort(key=lambda row: row[2])  # a real log is written as answers happen
    conn.executemany(
        "INSERT INTO review_log (card_id, rating, reviewed_at, duration_ms, state_before, "
        "state_after) VALUES (?, ?, ?, ?, ?, ?)", log_rows)


@contextmanager
def _indexes_dropped(conn, tables: tuple[str, ...]):
    """Bulk loads run faster into bare tables: drop their indexes, recreate them after."""
    marks = ", ".join("?" for _ in tables)
    indexes = conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                           f"AND sql IS NOT NULL AND tbl_name IN ({marks})", tables).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)


def _history(rng: random.Random, count: int, now_s: int) -> tuple[list[tuple], tuple]:
    """``count`` answers of one card, (rating, reviewed_at, duration_ms, before, after)
    each, and the card's final (due, last_review) in epoch seconds."""
    if count == 0:
        return [], (None, None)
    start = now_s - SPAN_DAYS * 86400
    times = sorted(start + int(rng.random() * SPAN_DAYS * 86400) for _ in range(count))
    rows, before, lapses = [], _NEW_SNAPSHOT, 0
    for n, moment in enumerate(times):
        draw = rng.random()
        rating = 1 if draw < 0.1 else 2 if draw < 0.2 else 4 if draw > 0.9 else 3
        lapses += rating == 1 and n >= 2
        if n + 1 < count:
            due = moment + max((times[n + 1] - moment) // 86400, 1) * 86400
        else:  # the last answer: due somewhere in the next six weeks (a few overdue)
            due = max(now_s + int((rng.random() * 44 - 2) * 86400), moment)
        after = _SNAPSHOT % (2 if n else 1, "null" if n else "0", _iso(due), _iso(moment),
                             n + 1, lapses)
        rows.append((rating, _iso(moment) + "Z", 2000 + int(rng.random() * 18000), before,
                     after))
        before = after
    return rows, (due, times[-1])


_SNAPSHOT = ('{"state": %d, "step": %s, "stability": 10.0, "difficulty": 5.0, '
             '"due": "%s+00:00", "last_review": "%s+00:00", "reps": %d, "lapses": %d}')
_NEW_SNAPSHOT = ('{"state": 0, "step": null, "stability": null, "difficulty": null, '
                 '"due": null, "last_review": null, "reps": 0, "lapses": 0}')
_EPOCH = datetime(1970, 1, 1)
_DAY_TEXT: dict[int, str] = {}


def _iso(epoch_s: int) -> str:
    """``YYYY-MM-DDTHH:MM:SS`` (UTC) for epoch seconds, faster than datetime for millions."""
    day, rest = divmod(epoch_s, 86400)
    text = _DAY_TEXT.get(day)
    if text is None:
        text = _DAY_TEXT[day] = (_EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")
    return f"{text}T{rest // 3600:02}:{rest // 60 % 60:02}:{rest % 60:02}"


def _card_row(rng: random.Random, i: int, reps: int, final: tuple) -> tuple:
    suspended = int(rng.random() < SUSPENDED_SHARE)
    due, last = final
    state = 2 if reps > 1 else reps  # one answer: still learning
    return (f"c{i}", f"h{i}", f"front {i}", f"back {i}", state, 10.0 if state else None,
            5.0 if state else None, due and _iso(due) + "Z", last and _iso(last) + "Z", reps, 0,
            suspended, CREATED, CREATED)


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--logs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    build_deck(args.path, args.cards, args.logs, args.seed)
    print(f"wrote {args.path} in {time.perf_counter() - started:.1f} s")
