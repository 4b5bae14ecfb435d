"""SQL for exercise progress: attempts, passes, hints shown."""

from __future__ import annotations

import sqlite3

from studykit.deck.queries import card_state_name


def record_attempt(conn, exercise_id: str, status: str, at: str, seconds: float | None,
                   device: str | None) -> None:
    conn.execute("INSERT INTO exercise_attempts (exercise_id, status, checked_at, seconds, "
                 "device) VALUES (?, ?, ?, ?, ?)", (exercise_id, status, at, seconds, device))
    conn.execute(
        "INSERT INTO exercise_progress (exercise_id, last_status, last_checked_at, "
        "first_passed_at) VALUES (?1, ?2, ?3, CASE WHEN ?2 = 'pass' THEN ?3 END) "
        "ON CONFLICT(exercise_id) DO UPDATE SET last_status = ?2, last_checked_at = ?3, "
        "first_passed_at = COALESCE(first_passed_at, CASE WHEN ?2 = 'pass' THEN ?3 END)",
        (exercise_id, status, at))


def progress(conn) -> dict[str, sqlite3.Row]:
    return {r["exercise_id"]: r for r in conn.execute("SELECT * FROM exercise_progress")}


def next_hint_index(conn, exercise_id: str) -> int:
    """Count a hint as shown and return its index (0-based)."""
    conn.execute("INSERT INTO exercise_progress (exercise_id, hints_shown) VALUES (?, 1) "
                 "ON CONFLICT(exercise_id) DO UPDATE SET hints_shown = hints_shown + 1",
                 (exercise_id,))
    return conn.execute("SELECT hints_shown FROM exercise_progress WHERE exercise_id = ?",
                        (exercise_id,)).fetchone()[0] - 1


def attempts(conn, exercise_id: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM exercise_attempts WHERE exercise_id = ? ORDER BY id",
                        (exercise_id,)).fetchall()


def linked_cards(conn, exercise_id: str) -> list[dict]:
    """Every card that points to the exercise, oldest first: id, state name, front."""
    rows = conn.execute("SELECT id, state, suspended, front FROM cards WHERE exercise_id = ? "
                        "ORDER BY rowid", (exercise_id,))
    return [{"id": r["id"], "state": card_state_name(r["state"], r["suspended"]),
             "front": r["front"]} for r in rows]


def cards_due_now(conn, exercise_id: str, now: str) -> int:
    """Make the reviewed cards linked to an exercise due now (after a failed check)."""
    cursor = conn.execute(
        "UPDATE cards SET due = ?, updated_at = ? WHERE exercise_id = ? AND suspended = 0 "
        "AND state != 0 AND due > ?", (now, now, exercise_id, now))
    return cursor.rowcount


def schedule_row(conn, exercise_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM exercise_schedule WHERE exercise_id = ?",
                        (exercise_id,)).fetchone()


def save_schedule(conn, exercise_id: str, columns: tuple) -> None:
    """columns: state, step, stability, difficulty, due, last_review, reps, lapses."""
    conn.execute(
        "INSERT INTO exercise_schedule VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(exercise_id) DO UPDATE SET state=excluded.state, step=excluded.step, "
        "stability=excluded.stability, difficulty=excluded.difficulty, due=excluded.due, "
        "last_review=excluded.last_review, reps=excluded.reps, lapses=excluded.lapses",
        (exercise_id, *columns))


def due_exercises(conn, now: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT exercise_id FROM exercise_schedule WHERE due <= ? ORDER BY due", (now,))]
