"""The grading worker's warm-up table: imports done once per topic or exercise."""

from __future__ import annotations

import sys

from studykit.exercises.catalog import catalog_root, load_catalog
from studykit.grading import worker


def test_every_warm_up_key_names_a_topic_or_an_exercise_of_the_catalog():
    exercises = list(load_catalog(catalog_root()))
    known = {e.topic for e in exercises} | {e.id for e in exercises}
    assert set(worker.WARM_UP) - known == set()


def test_an_exercise_key_warms_that_exercise_only(monkeypatch):
    monkeypatch.setattr(worker, "WARM_UP", {"demo/one": "colorsys"})
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    worker._warm_up("demo", "demo/two")
    assert "colorsys" not in sys.modules
    worker._warm_up("demo", "demo/one")
    assert "colorsys" in sys.modules


def test_a_topic_key_warms_every_exercise_of_the_topic(monkeypatch):
    monkeypatch.setattr(worker, "WARM_UP", {"demo": "colorsys"})
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    worker._warm_up("demo", "demo/two")
    assert "colorsys" in sys.modules
