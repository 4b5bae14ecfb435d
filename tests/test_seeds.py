"""The real study notes the product was specified from, imported end to end.

Skipped when ../shared/seeds is absent."""

from __future__ import annotations

import pytest
from conftest import seed

from studykit.importer import import_paths


def _import(deck, prefix):
    report = import_paths(deck, [seed(prefix)])
    assert not report.failed, report.files[0].error
    return report


def _counts(deck):
    highlights = deck.conn.execute("SELECT COUNT(*) FROM highlights").fetchone()[0]
    junk = deck.conn.execute("SELECT COUNT(*) FROM highlights WHERE junk = 1").fetchone()[0]
    carded = deck.conn.execute("SELECT COUNT(DISTINCT highlight_id) FROM cards").fetchone()[0]
    return highlights, junk, carded


def test_seed_000_plugin_v1(deck):
    _import(deck, "000")
    assert deck.conn.execute("SELECT title FROM books").fetchone()[0] == "PyTorch深度学习"
    highlights, junk, carded = _counts(deck)
    assert highlights == 13
    assert carded == highlights - junk


def test_seed_001_plugin_with_junk(deck):
    report = _import(deck, "001").to_json()
    highlights, junk, carded = _counts(deck)
    assert highlights == 108
    assert junk == report["skipped"] and junk >= 3
    assert carded == highlights - junk
    junk_texts = {r[0] for r in deck.conn.execute("SELECT text FROM highlights WHERE junk = 1")}
    assert {"[插图]", "·"} <= junk_texts


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_scraped_blog_notes_import_as_one_book(deck, prefix):
    _import(deck, prefix)
    assert deck.conn.execute("SELECT COUNT(*) FROM books").fetchone()[0] == 1
    texts = [r[0] for r in deck.conn.execute("SELECT text FROM highlights")]
    assert len(texts) >= 10
    assert not {"广告", "返回顶部", "分享到"} & set(texts)
    assert not any("在这里插入图片描述" in t for t in texts)


def test_seed_004_one_line_native_export(deck):
    _import(deck, "004")
    highlights, _, _ = _counts(deck)
    assert highlights == 20


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_reimports_unchanged(deck, prefix):
    first = _import(deck, prefix).to_json()["highlights"]
    again = _import(deck, prefix).to_json()["highlights"]
    assert again == {"new": 0, "updated": 0, "unchanged": first["new"], "removed": 0}
