"""fork_map: the importer's worker processes (results in order, errors raised, no leftovers)."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal

import pytest

from studykit.forkmap import WorkerDied, can_fork, fork_map

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork_map needs fork")


def square_slowly_first(n: int) -> tuple[int, int]:
    """The first items take longest, so later ones arrive first."""
    total = sum(range((20 - n) * 20_000)) if n < 20 else 0
    return n * n, total % 7


def test_results_come_in_the_items_order_whatever_order_workers_finish():
    items = list(range(60))
    assert list(fork_map(square_slowly_first, items, 3)) == [square_slowly_first(n)
                                                             for n in items]


def test_each_item_is_worked_once_by_one_of_the_workers():
    pids = list(fork_map(_pid_of_worker, list(range(40)), 2))
    assert os.getpid() not in pids
    assert len(set(pids)) <= 2


def _pid_of_worker(_: int) -> int:
    return os.getpid()


def test_no_items_no_results():
    assert list(fork_map(_pid_of_worker, [], 2)) == []


def fail_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError(f"item {n} is bad")
    return n


def test_a_workers_exception_is_raised_again_in_the_caller_at_its_item():
    results = fork_map(fail_on_seven, list(range(20)), 2)
    assert [next(results) for _ in range(7)] == list(range(7))
    with pytest.raises(ValueError, match="item 7 is bad"):
        next(results)
    assert mp.active_children() == []  # the other worker was stopped


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def fail_unpicklably(n: int) -> int:
    raise Unpicklable(f"item {n}")


def test_an_exception_that_cannot_be_pickled_still_reaches_the_caller():
    with pytest.raises(RuntimeError, match="Unpicklable: item 0"):
        list(fork_map(fail_unpicklably, [0], 1))


def die_on_three(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def test_a_worker_killed_mid_item_raises_worker_died_not_a_hang():
    with pytest.raises(WorkerDied, match="exit code -9"):
        list(fork_map(die_on_three, list(range(10)), 2))
    assert mp.active_children() == []


def test_stopping_early_leaves_no_worker_behind():
    results = fork_map(square_slowly_first, list(range(200)), 2)
    assert next(results) == (0, square_slowly_first(0)[1])
    results.close()
    assert mp.active_children() == []
