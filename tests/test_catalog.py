"""Catalog invariants (like rustlings' dev check): metadata is valid, every starter
fails as shipped and every reference passes."""

from __future__ import annotations

import ast
from collections import Counter

import pytest

from studykit.exercises.catalog import ID_PATTERN, catalog_root, load_catalog, topics
from studykit.grading.devcheck import check_catalog


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(catalog_root())


def test_size_and_topics(catalog):
    assert len(catalog) >= 50
    per_topic = Counter(e.topic for e in catalog)
    assert list(per_topic) == list(topics(catalog))
    assert min(per_topic.values()) >= 4, per_topic


def test_metadata_is_complete(catalog):
    assert len({e.id for e in catalog}) == len(catalog)
    for e in catalog:
        assert ID_PATTERN.match(e.id) and e.id.startswith(e.topic + "/")
        assert len(e.hints) >= 2 and all(h.strip() for h in e.hints)
        assert e.keywords_en and e.keywords_zh, e.id
        assert e.time_limit > 0
        if e.topic == "training":
            assert e.device == "cuda-if-available", e.id


def test_topic_readmes_exist(catalog):
    for topic in {e.topic for e in catalog}:
        assert (catalog_root() / topic / "README.md").is_file(), topic


def test_starters_state_the_task_and_mark_every_edit_point(catalog):
    for e in catalog:
        source = e.starter.read_text("utf-8")
        assert "TODO" in source, e.id
        docstring = ast.get_docstring(ast.parse(source))
        assert docstring and len(docstring) > 80, e.id


def test_every_starter_fails_and_every_reference_passes(catalog, capsys):
    from studykit.grading.client import Worker

    with Worker() as worker:
        problems = check_catalog(catalog, worker)
    assert problems == []
