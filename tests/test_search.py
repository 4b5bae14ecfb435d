"""`cards --query` through the FTS5 trigram index (migration 6): Chinese substrings, an
index in step with imports, edits and deletes, migrations that fill gaps, `doctor`'s
schema check through sqlite-utils, and the sqlite-utils CLI on a deck."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from studykit.deck import Deck, fts
from studykit.deck import migrations as migrations_module
from studykit.deck.introspect import check_schema

NOTES = """《卷积笔记》

程知远
3个笔记


第一章 卷积层

◆ 卷积层用卷积核在输入上滑动，nn.Conv2d 的输出高度等于 (H + 2P - K) / S + 1。

◆ 池化层把相邻的值汇总成一个，最大池化取窗口里的最大值。

◆ 张量的形状决定了全连接层的输入特征数。

-- 来自微信读书
"""
SQLITE_UTILS = Path(sys.executable).parent / "sqlite-utils"


@pytest.fixture
def db(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    path = tmp_path / "deck.db"
    assert run_cli("import", str(notes), "--db", str(path)).returncode == 0
    return path


def found(db, query):
    out = run_cli("cards", "--db", str(db), "-q", query, "--json")
    assert out.returncode == 0, out.stderr
    return {c["id"].split(":")[0] for c in json.loads(out.stdout)}


def highlight_of(db, text):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM highlights WHERE text LIKE ?",
                            (f"%{text}%",)).fetchone()[0]


def integrity(db):
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO cards_fts (cards_fts, rank) VALUES ('integrity-check', 1)")


def test_chinese_substrings_match_anywhere_in_a_word(db):
    conv, pool = highlight_of(db, "卷积层用"), highlight_of(db, "池化层")
    assert found(db, "积层用卷") == {conv}  # across word boundaries: no segmentation
    assert found(db, "最大池化") == {pool}
    assert found(db, "CONV2D") == {conv}  # case-insensitive
    assert found(db, "池化") == {pool}  # two characters: below a trigram, by LIKE
    assert found(db, "%") == found(db, "_") == set()  # not LIKE's wildcards
    assert found(db, "+ ") == {conv}
    assert found(db, '"(H + 2P') == set()  # quotes and operators are plain text
    assert found(db, "(H + 2P") == {conv}
    assert found(db, "没有这句话") == set()


def test_the_index_follows_edits_and_deletes(db):
    pool = highlight_of(db, "池化层")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE cards SET front = replace(front, '最大池化', '平均池化'), "
                     "back = replace(back, '最大池化', '平均池化') WHERE highlight_id = ?",
                     (pool,))
    assert found(db, "平均池化") == {pool} and found(db, "最大池化") == set()
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM cards WHERE highlight_id = ?", (pool,))
    assert found(db, "平均池化") == set()
    integrity(db)


def test_an_import_cut_short_before_indexing_is_caught_up_by_the_next_search(db):
    with Deck(db) as deck, deck.transaction() as conn:
        conn.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, "
                     "created_at, updated_at) SELECT 'late:cloze:1', id, book_id, 'cloze', 1, "
                     "'迟到的卡片正面', '迟到的卡片背面', 'x', 'x' FROM highlights LIMIT 1")
        conn.execute("UPDATE cards SET front = '迟到的卡片改过' WHERE id = 'late:cloze:1'")
        assert fts.behind(conn)
    assert run_cli("cards", "--db", str(db), "-q", "迟到的卡片改过").stdout.count("late") == 1
    with Deck(db) as deck:
        assert not fts.behind(deck.conn)
    integrity(db)


def test_an_older_deck_gets_its_index_built_and_gaps_in_migrations_fill(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    without5 = [m for m in migrations_module.MIGRATIONS if m[0] != 5]
    monkeypatch.setattr("studykit.deck.MIGRATIONS", without5)
    with Deck(path) as deck, deck.transaction() as conn:
        conn.execute("INSERT INTO books VALUES ('b', '书', NULL, 'markdown', NULL, 'x', 'x')")
        conn.execute("INSERT INTO highlights (id, book_id, position, text, content_hash, "
                     "imported_at, updated_at) VALUES ('h', 'b', 0, 't', 'h', 'x', 'x')")
        conn.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, "
                     "created_at, updated_at) VALUES ('h:cloze:1', 'h', 'b', 'cloze', 1, "
                     "'反向传播的正面', '背面', 'x', 'x')")
    monkeypatch.setattr("studykit.deck.MIGRATIONS", migrations_module.MIGRATIONS)
    with Deck(path) as deck:
        applied = [r[0] for r in deck.conn.execute("SELECT id FROM migrations ORDER BY id")]
        assert applied == [1, 2, 3, 4, 5, 6, 7]
    assert (tmp_path / "old.db.before-v5.bak").exists()
    assert found(path, "反向传播") == {"h"}


def test_doctor_reads_the_schema_with_sqlite_utils_and_says_how_to_mend_the_index(db):
    report = check_schema(db)
    assert report.ok and report.fts == "cards_fts" and report.missing == []
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE cards_fts_data SET block = x'00' "
                     "WHERE id = (SELECT MAX(id) FROM cards_fts_data)")
    out = run_cli("doctor", "--db", str(db))
    assert out.returncode == 1
    assert re.search(r"^BAD  schema       \d+ tables; the search index is out of step with "
                     r"the cards — rebuild it with `sqlite-utils rebuild-fts (.+) cards`$",
                     out.stdout, re.M).group(1) == str(db)
    subprocess.run([str(SQLITE_UTILS), "rebuild-fts", str(db), "cards"], check=True,
                   capture_output=True)
    assert check_schema(db).ok
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER cards_au")
        conn.execute("ALTER TABLE cards DROP COLUMN flag")
    assert check_schema(db).missing == ["column cards.flag", "trigger cards_au"]


def test_the_sqlite_utils_cli_searches_a_deck(db):
    out = subprocess.run([str(SQLITE_UTILS), "search", str(db), "cards", "最大池化", "-c", "id",
                          "--limit", "1"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)[0]["id"].startswith(highlight_of(db, "池化层"))


def test_the_index_gathers_16_mib_of_terms_before_it_writes_a_segment(tmp_path):
    """Migration 7: fewer, larger segments while an import indexes its batches."""
    with Deck(tmp_path / "deck.db") as deck:
        hashsize = deck.conn.execute(
            "SELECT v FROM cards_fts_config WHERE k = 'hashsize'").fetchone()[0]
    assert hashsize == 16 * 1024 * 1024
