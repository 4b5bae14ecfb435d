"""The worker's WARM_UP table names real topics and exercises (a typo would silently warm
nothing). Read from the source, so that this test does not import torch."""

import ast
import importlib.util
from pathlib import Path

from studykit.exercises.catalog import catalog_root, load_catalog

WORKER = Path(__file__).resolve().parents[1] / "studykit" / "grading" / "worker.py"


def _warm_up_table() -> dict[str, str]:
    tree = ast.parse(WORKER.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "WARM_UP" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("no WARM_UP table in worker.py")


def test_every_warm_up_key_is_a_topic_or_an_exercise_id():
    exercises = list(load_catalog(catalog_root()))
    known = {e.topic for e in exercises} | {e.id for e in exercises}
    table = _warm_up_table()
    assert table
    assert sorted(set(table) - known) == []


def test_every_warm_up_module_exists():
    for module in set(_warm_up_table().values()):
        assert importlib.util.find_spec(module.split(".")[0]) is not None, module


def test_optim_and_the_perf_exercises_that_load_dynamo_are_warmed():
    table = _warm_up_table()
    assert table["optim"] == table["perf/grad_scaler_loop"] == "torch._dynamo"
    assert table["perf/device_placement"] == "torch._dynamo"  # its predict runs on "meta"
    assert "perf" not in table  # the other perf exercises load neither


def test_an_exercise_key_wins_over_its_topic_and_the_topic_covers_the_rest(monkeypatch):
    from studykit.grading import worker

    imported = []
    monkeypatch.setattr(worker, "WARM_UP", {"t/one": "studykit_no_such_a",
                                            "t": "studykit_no_such_b"})
    monkeypatch.setattr(worker.importlib, "import_module", imported.append)
    worker._warm_up("t/one", "t")
    worker._warm_up("t/two", "t")
    worker._warm_up("u/three", "u")
    assert imported == ["studykit_no_such_a", "studykit_no_such_b"]
