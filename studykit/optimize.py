"""Fit the 21 FSRS parameters to the user's own review history.

Uses the reference optimizer (``fsrs.Optimizer``, which needs torch, pandas and tqdm:
``pip install "fsrs[optimizer]"``); it is imported only inside :func:`optimize`, so
nothing else pays for torch. Log loss before and after is the optimizer's own measure
(binary cross-entropy of predicted retrievability against recall, over the answers
given a day or more after the card's previous one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from studykit.config import Config, save_setting
from studykit.deck import from_db_time
from studykit.deck.stats_queries import review_history
from studykit.errors import StudykitError

# fsrs 6.x optimizer constants (fsrs.optimizer.mini_batch_size, max_seq_len, num_epochs),
# repeated so that a deck below the minimum gets its answer without importing torch, and
# the progress bar can show before torch has loaded.
MIN_REVIEWS = 512
MAX_SEQ_LEN = 64
EPOCHS = 5
DECIMALS = 4  # parameters are saved rounded, as Anki shows them

Progress = Callable[[int, int], None]  # (steps done, steps in all)


def optimize(conn: sqlite3.Connection, config: Config,
             progress: Progress | None = None) -> dict:
    """Optimize and save ``fsrs_parameters`` when the fit beats the current ones.

    Returns ``{"optimized": False, "reviews", "minimum", "reason"}`` below the
    optimizer's minimum (nothing saved), else ``{"optimized": True, "reviews",
    "loss_before", "loss_after", "parameters", "saved"}`` plus ``"reason"`` when the
    new parameters fit no better and the current ones are kept.
    """
    history = _histories(conn)
    usable = usable_reviews(history)
    if usable < MIN_REVIEWS:
        return {"optimized": False, "reviews": usable, "minimum": MIN_REVIEWS,
                "reason": f"only {usable} of your reviews can be used (answers given a day or "
                          f"more after the card's previous one); the optimizer needs at least "
                          f"{MIN_REVIEWS}"}
    fitted, before, after = _fit(history, _current(config), progress or (lambda *_: None))
    result = {"optimized": True, "reviews": usable, "loss_before": before,
              "loss_after": after, "parameters": fitted, "saved": after < before}
    if result["saved"]:
        save_setting("fsrs_parameters", fitted)
    else:
        result["reason"] = "the new ones fit your reviews no better"
    return result


def _histories(conn: sqlite3.Connection) -> list[list[tuple]]:
    """Each card's answers in time order: ``(reviewed_at, rating, duration_ms)``."""
    cards: dict[str, list[tuple]] = {}
    for card_id, rating, reviewed_at, duration_ms in review_history(conn):
        cards.setdefault(card_id, []).append((from_db_time(reviewed_at), rating, duration_ms))
    return list(cards.values())


def usable_reviews(history: list[list[tuple]]) -> int:
    """What the optimizer learns from (and counts against its minimum): within each
    card's first 64 answers, those given a whole day or more after the previous one."""
    count = 0
    for answers in history:
        times = [moment for moment, *_ in answers[:MAX_SEQ_LEN]]
        count += sum((later - earlier).days > 0 for earlier, later in zip(times, times[1:],
                                                                           strict=False))
    return count


def _current(config: Config) -> list[float]:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    params = config.fsrs_parameters
    return list(params) if len(params) == len(DEFAULT_PARAMETERS) else list(DEFAULT_PARAMETERS)


def _fit(history: list[list[tuple]], current: list[float], progress: Progress
         ) -> tuple[list[float], float, float]:
    """(fitted parameters, loss with ``current``, loss with the fitted ones)."""
    steps = EPOCHS + 1  # the loss before, then one loss per epoch
    losses: list[tuple[list[float], float]] = []

    def record(parameters: list[float], loss: float) -> None:
        losses.append((list(parameters), loss))
        progress(min(len(losses), steps), steps)

    progress(0, steps)
    optimizer = _optimizer_class()(_review_logs(history), record)
    before = optimizer._compute_batch_loss(parameters=current)
    fitted = [float(p) for p in optimizer.compute_optimal_parameters()]
    after = next((loss for params, loss in losses[1:] if params == fitted), None)
    if after is None:  # fsrs returned defaults or changed how it reports epochs
        after = optimizer._compute_batch_loss(parameters=fitted)
    progress(steps, steps)
    return [round(p, DECIMALS) for p in fitted], before, after


def _optimizer_class():
    """``fsrs.Optimizer`` reporting each loss it computes (once per epoch). Imports torch."""
    try:
        import pandas  # noqa: F401 - fsrs.optimizer needs both, and says so only later
        import tqdm  # noqa: F401
        from fsrs.optimizer import Optimizer
    except ImportError as exc:
        raise StudykitError(f"the FSRS optimizer is not installed ({exc.name} is missing)",
                            'install it with: pip install "fsrs[optimizer]"') from None

    class ReportingOptimizer(Optimizer):
        def __init__(self, review_logs, on_loss) -> None:
            super().__init__(review_logs)
            self._on_loss = on_loss

        def _compute_batch_loss(self, *, parameters: list[float]) -> float:
            loss = super()._compute_batch_loss(parameters=parameters)
            self._on_loss(parameters, loss)
            return loss

    return ReportingOptimizer


def _review_logs(history: list[list[tuple]]) -> list:
    from fsrs import Rating, ReviewLog

    return [ReviewLog(card_id=number, rating=Rating(rating), review_datetime=moment,
                      review_duration=duration)
            for number, answers in enumerate(history, start=1)
            for moment, rating, duration in answers]
