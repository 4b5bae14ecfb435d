"""studykit optimize: the minimum, the usable-review count, a real (slow) fit."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from conftest import run_cli

from studykit.config import Config, config_path, load_config
from studykit.errors import StudykitError
from studykit.optimize import MIN_REVIEWS, _histories, _optimizer_class, optimize, usable_reviews

START = datetime(2024, 1, 1, 9, 0, tzinfo=timezone.utc)
STAMP = "2024-01-01T00:00:00Z"




def add_history(conn, card_id: str, answers: list[tuple[datetime, int]]) -> None:
    conn.execute("INSERT OR IGNORE INTO books (id, title, source_format, created_at, "
                 "updated_at) VALUES ('b', 'Book', 'markdown', ?, ?)", (STAMP, STAMP))
    conn.execute("INSERT INTO highlights (id, book_id, position, text, content_hash, "
                 "imported_at, updated_at) VALUES (?, 'b', 0, 'text', 'x', ?, ?)",
                 (card_id, STAMP, STAMP))
    conn.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, "
                 "created_at, updated_at) VALUES (?, ?, 'b', 'basic', 0, 'f', 'b', ?, ?)",
                 (card_id, card_id, STAMP, STAMP))
    conn.executemany(
        "INSERT INTO review_log (card_id, rating, reviewed_at, duration_ms, state_before, "
        "state_after) VALUES (?, ?, ?, 4000, '{}', '{}')",
        [(card_id, rating, moment.strftime("%Y-%m-%dT%H:%M:%SZ")) for moment, rating in answers])


def test_only_answers_a_day_after_the_previous_one_count(deck):
    minutes = [0, 10,  # 10 minutes later: no
               10 + 24 * 60,  # exactly a day after the previous answer: counts
               (2 * 24 - 1) * 60,  # 23 h 50 min after the previous one: no
               5 * 24 * 60]  # counts
    add_history(deck.conn, "a", [(START + timedelta(minutes=m), 3) for m in minutes])
    add_history(deck.conn, "b", [(START + timedelta(days=n), 3) for n in range(100)])
    # a card's first 64 answers at most: 63 gaps for b, 2 for a
    assert usable_reviews(_histories(deck.conn)) == 2 + 63


def test_below_the_minimum_nothing_changes_and_torch_stays_out(deck):
    add_history(deck.conn, "a", [(START + timedelta(days=n), 3) for n in range(4)])
    code = ("import json, sys; from studykit.deck import Deck; from studykit.config import "
            "load_config; from studykit.optimize import optimize; "
            f"result = optimize(Deck({str(deck.path)!r}).conn, load_config()); "
            "print(json.dumps([result, 'torch' in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    result, torch_loaded = json.loads(out.stdout)
    assert result == {
        "optimized": False, "reviews": 3, "minimum": MIN_REVIEWS,
        "reason": "only 3 of your reviews can be used (answers given a day or more after the "
                  "card's previous one); the optimizer needs at least 512"}
    assert torch_loaded is False
    assert not config_path().exists()


def test_optimize_command_below_the_minimum(deck):
    add_history(deck.conn, "a", [(START + timedelta(days=n), 3) for n in range(4)])
    out = run_cli("optimize", "--db", str(deck.path))
    assert out.returncode == 0, out.stderr
    assert out.stdout == ("Parameters unchanged: only 3 of your reviews can be used (answers "
                          "given a day or more after the card's previous one); the optimizer "
                          "needs at least 512.\n")
    assert load_config() == Config()


def test_a_missing_optimizer_extra_is_one_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(StudykitError, match="pandas is missing") as error:
        _optimizer_class()
    assert 'pip install "fsrs[optimizer]"' in error.value.remedy


def _simulated_histories(deck, cards: int = 160, seed: int = 3) -> None:
    """Answers spaced by growing intervals; Again more likely the longer the gap."""
    rng = random.Random(seed)
    for c in range(cards):
        moment, interval, answers = START + timedelta(hours=rng.randrange(48)), 1.0, []
        for _ in range(5):
            rating = 1 if rng.random() < 0.05 + min(interval, 60) / 200 else rng.choice((2, 3, 4))
            answers.append((moment, rating))
            interval = 1.0 if rating == 1 else interval * (2.5 if rating > 2 else 1.2)
            moment += timedelta(days=max(1, round(interval)), minutes=rng.randrange(600))
        add_history(deck.conn, f"c{c}", answers)


@pytest.mark.slow
def test_a_real_fit_saves_21_parameters(deck):
    pytest.importorskip("pandas")
    pytest.importorskip("tqdm")
    _simulated_histories(deck)
    steps = []
    result = optimize(deck.conn, Config(), progress=lambda done, total: steps.append(
        (done, total)))
    assert result["optimized"] is True
    assert result["reviews"] == 160 * 4 >= MIN_REVIEWS
    assert len(result["parameters"]) == 21
    assert result["loss_after"] > 0 and result["loss_before"] > 0
    assert result["saved"] == (result["loss_after"] < result["loss_before"])
    saved = load_config().fsrs_parameters
    assert saved == (tuple(result["parameters"]) if result["saved"] else ())
    assert steps[0] == (0, 6) and steps[-1] == (6, 6)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)


@pytest.mark.slow
def test_the_repeated_constants_match_the_installed_optimizer():
    pytest.importorskip("pandas")
    pytest.importorskip("tqdm")
    from fsrs import optimizer

    from studykit.optimize import EPOCHS, MAX_SEQ_LEN

    assert (optimizer.mini_batch_size, optimizer.max_seq_len, optimizer.num_epochs) == (
        MIN_REVIEWS, MAX_SEQ_LEN, EPOCHS)
