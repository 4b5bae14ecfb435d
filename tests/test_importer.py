"""Importing again and again: ids, history, removal, atomicity, dry runs."""

from __future__ import annotations

import pytest

from studykit.deck import imports as sql
from studykit.importer import import_paths

PLUGIN = """---
doc_type: weread-highlights-reviews
bookId: "700100"
title: 张量手册
author: 周行
---
# 高亮划线
## 第一章 张量
> 📌 view 返回的张量与原张量共享同一块内存。
> ⏱ 2024-05-01 09:00:00 ^700100-1-10-40
> 📌 调用 add_ 会原地修改张量，结尾的下划线表示原地操作。
> ⏱ 2024-05-01 09:01:00 ^700100-1-50-90
> 📌 [插图]
> ⏱ 2024-05-01 09:02:00 ^700100-1-95-96
"""

NATIVE = """《卷积小记》

吴桐
3个笔记


第一章 卷积

◆ 卷积层的输出尺寸由填充和步幅共同决定。

◆ 最大池化层没有需要学习的参数。


第二章 网络

◆ 残差连接让很深的网络也能够顺利训练。

-- 来自微信读书
"""


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def highlight_rows(deck):
    return {r["id"]: dict(r) for r in deck.conn.execute("SELECT * FROM highlights")}


def card_rows(deck):
    return {r["id"]: dict(r) for r in deck.conn.execute("SELECT * FROM cards")}


def test_first_import_counts_and_junk_gets_no_card(deck, tmp_path):
    report = import_paths(deck, [write(tmp_path / "t.md", PLUGIN)])
    assert report.to_json()["highlights"] == {"new": 3, "updated": 0, "unchanged": 0,
                                              "removed": 0}
    assert report.to_json()["skipped"] == 1
    assert set(highlight_rows(deck)) == {"700100-1-10-40", "700100-1-50-90", "700100-1-95-96"}
    assert {c["highlight_id"] for c in card_rows(deck).values()} == {
        "700100-1-10-40", "700100-1-50-90"}


def test_the_same_export_without_its_book_id_fails_cleanly_and_changes_nothing(deck, tmp_path):
    import_paths(deck, [write(tmp_path / "t.md", PLUGIN)])
    before = highlight_rows(deck), card_rows(deck)
    # without bookId the book is keyed by its title: another book holding the same block ids
    report = import_paths(deck, [write(tmp_path / "copy.md", PLUGIN.replace('bookId: "700100"\n', ""))])
    [failed] = report.files
    assert failed.status == "error"
    assert failed.error == (
        f"{tmp_path / 'copy.md'}: highlight 700100-1-10-40 is already in the deck, in the book "
        "«张量手册», but this file has no bookId, so it reads as another book — keep the "
        "file's bookId as in the export you imported before")
    assert (highlight_rows(deck), card_rows(deck)) == before


def test_second_import_is_unchanged(deck, tmp_path):
    files = [write(tmp_path / "t.md", PLUGIN), write(tmp_path / "c.txt", NATIVE)]
    import_paths(deck, files)
    again = import_paths(deck, files).to_json()
    assert again["highlights"] == {"new": 0, "updated": 0, "unchanged": 6, "removed": 0}
    assert again["cards"] == {"new": 0, "updated": 0, "suspended": 0}
    assert again["books"] == 2


def test_touching_a_file_without_changes_reports_unchanged(deck, tmp_path):
    path = write(tmp_path / "c.txt", NATIVE)
    import_paths(deck, [path])
    write(path, NATIVE.replace("\n", "\r\n"))  # new bytes, same content
    again = import_paths(deck, [path]).to_json()
    assert again["highlights"] == {"new": 0, "updated": 0, "unchanged": 3, "removed": 0}


MORE = """> 📌 学习率太大时损失会震荡甚至发散。
> ⏱ 2024-05-02 09:00:00 ^700100-1-120-150
"""


def test_cards_are_made_only_for_new_and_changed_highlights(deck, tmp_path, monkeypatch):
    from studykit import importer

    path = write(tmp_path / "t.md", PLUGIN)
    import_paths(deck, [path])
    made = []
    real = importer.generate_cards
    monkeypatch.setattr(importer, "generate_cards", lambda text, **kw: made.append(text) or
                        real(text, **kw))
    write(path, PLUGIN + MORE)  # reading went on: one highlight more in the same file
    report = import_paths(deck, [path]).to_json()
    assert report["highlights"] == {"new": 1, "updated": 0, "unchanged": 3, "removed": 0}
    assert report["skipped"] == 1  # the kept image highlight still counts as junk
    assert made == ["学习率太大时损失会震荡甚至发散。"]


def test_a_kept_highlight_another_file_changed_meanwhile_gets_its_cards(deck, tmp_path):
    first = write(tmp_path / "b.md", PLUGIN)
    import_paths(deck, [first])
    # a.md (read first) rewrites a highlight of b.md; b.md grew, and still has the old text
    other = PLUGIN.replace("共享同一块内存", "共享同一块存储")
    write(first, PLUGIN + MORE)
    import_paths(deck, [write(tmp_path / "a.md", other), first])
    row = highlight_rows(deck)["700100-1-10-40"]
    assert "共享同一块内存" in row["text"] and row["source_file"] == str(first.resolve())
    cards = [c for c in card_rows(deck).values() if c["highlight_id"] == "700100-1-10-40"]
    assert cards and all(not c["suspended"] and "共享同一块内存" in c["back"] for c in cards)


def _review(deck, highlight_id):
    deck.conn.execute(
        "UPDATE cards SET state = 2, reps = 5, stability = 12.5, due = '2030-01-01T00:00:00Z' "
        "WHERE highlight_id = ?", (highlight_id,))


def test_edit_with_block_id_keeps_id_and_history(deck, tmp_path):
    path = write(tmp_path / "t.md", PLUGIN)
    import_paths(deck, [path])
    _review(deck, "700100-1-10-40")
    write(path, PLUGIN.replace("共享同一块内存", "共享同一块存储"))
    report = import_paths(deck, [path]).to_json()
    assert report["highlights"]["updated"] == 1 and report["highlights"]["new"] == 0
    card = next(c for c in card_rows(deck).values() if c["highlight_id"] == "700100-1-10-40")
    assert (card["state"], card["reps"], card["stability"]) == (2, 5, 12.5)
    assert "共享同一块存储" in card["back"]


def test_edit_without_ids_matches_the_old_highlight(deck, tmp_path):
    path = write(tmp_path / "c.txt", NATIVE)
    import_paths(deck, [path])
    old_id = next(i for i, h in highlight_rows(deck).items() if "残差连接" in h["text"])
    _review(deck, old_id)
    write(path, NATIVE.replace("顺利训练", "稳定地训练"))
    report = import_paths(deck, [path]).to_json()
    assert report["highlights"] == {"new": 0, "updated": 1, "unchanged": 2, "removed": 0}
    rows = highlight_rows(deck)
    assert rows[old_id]["text"] == "残差连接让很深的网络也能够稳定地训练。"
    assert {c["reps"] for c in card_rows(deck).values() if c["highlight_id"] == old_id} == {5}


def test_removed_highlight_is_suspended_then_restored(deck, tmp_path):
    path = write(tmp_path / "c.txt", NATIVE)
    import_paths(deck, [path])
    gone_text = "◆ 最大池化层没有需要学习的参数。\n\n"
    write(path, NATIVE.replace(gone_text, ""))
    report = import_paths(deck, [path]).to_json()
    assert report["highlights"]["removed"] == 1
    assert report["cards"]["suspended"] == 1
    pooled = next(h for h in highlight_rows(deck).values() if "池化" in h["text"])
    assert pooled["removed"] == 1
    card = next(c for c in card_rows(deck).values() if c["highlight_id"] == pooled["id"])
    assert (card["suspended"], card["suspend_reason"]) == (1, "removed")

    write(path, NATIVE)
    back = import_paths(deck, [path]).to_json()
    assert back["highlights"] == {"new": 0, "updated": 1, "unchanged": 2, "removed": 0}
    card = card_rows(deck)[card["id"]]
    assert (card["suspended"], card["suspend_reason"]) == (0, None)
    assert highlight_rows(deck)[pooled["id"]]["removed"] == 0


def test_user_suspension_survives_reappearance(deck, tmp_path):
    path = write(tmp_path / "c.txt", NATIVE)
    import_paths(deck, [path])
    deck.conn.execute("UPDATE cards SET suspended = 1, suspend_reason = 'user'")
    write(path, NATIVE.replace("◆ 最大池化层没有需要学习的参数。\n\n", ""))
    import_paths(deck, [path])
    write(path, NATIVE)
    import_paths(deck, [path])
    assert {c["suspend_reason"] for c in card_rows(deck).values()} == {"user"}


def test_a_failing_file_leaves_the_deck_untouched_and_others_import(deck, tmp_path,
                                                                   monkeypatch):
    good = write(tmp_path / "a.txt", NATIVE)
    bad = write(tmp_path / "b.md", PLUGIN)
    real_insert = sql.insert_cards

    def explode_for_plugin(conn, rows):
        rows = list(rows)
        if any(r[0].startswith("700100") for r in rows):
            raise sql.sqlite3.OperationalError("disk I/O error")
        real_insert(conn, rows)

    monkeypatch.setattr(sql, "insert_cards", explode_for_plugin)
    report = import_paths(deck, [good, bad])
    assert report.failed
    assert [f.status for f in report.files] == ["imported", "error"]
    assert report.files[1].error.startswith("cannot write the deck")
    ids = set(highlight_rows(deck))
    assert not any(i.startswith("700100") for i in ids)
    assert len(ids) == 3
    assert deck.conn.execute("SELECT COUNT(*) FROM books").fetchone()[0] == 1
    assert sql.source_row(deck.conn, str(bad.resolve())) is None


def test_unreadable_and_binary_files_are_reported(deck, tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    report = import_paths(deck, [binary, tmp_path / "missing.md"]).to_json()
    assert [e["error"].split(":")[0] for e in report["errors"]] == [str(binary),
                                                                    str(tmp_path / "missing.md")]
    assert "binary file" in report["errors"][0]["error"]
    assert "no such file" in report["errors"][1]["error"]


def test_dry_run_writes_nothing(deck, tmp_path):
    report = import_paths(deck, [write(tmp_path / "c.txt", NATIVE)], dry_run=True)
    assert report.to_json()["highlights"]["new"] == 3
    assert highlight_rows(deck) == {}
    assert deck.conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 0


def test_folders_are_searched_recursively_for_notes(deck, tmp_path):
    (tmp_path / "vault" / "books").mkdir(parents=True)
    write(tmp_path / "vault" / "books" / "t.md", PLUGIN)
    write(tmp_path / "vault" / "c.txt", NATIVE)
    (tmp_path / "vault" / "cover.jpg").write_bytes(b"\xff\xd8")
    write(tmp_path / "vault" / ".obsidian" / "x.md" if (tmp_path / "vault" / ".obsidian").mkdir()
          is None else None, PLUGIN)
    report = import_paths(deck, [tmp_path / "vault"])
    assert sorted(f.path.rsplit("/", 1)[1] for f in report.files) == ["c.txt", "t.md"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_encodings_import_the_same_highlights(deck, tmp_path, encoding):
    path = tmp_path / "c.txt"
    path.write_bytes(NATIVE.replace("\n", "\r\n").encode(encoding))
    import_paths(deck, [path])
    texts = sorted(h["text"] for h in highlight_rows(deck).values())
    assert texts == ["卷积层的输出尺寸由填充和步幅共同决定。", "最大池化层没有需要学习的参数。",
                     "残差连接让很深的网络也能够顺利训练。"]


def test_cards_the_generator_stops_making_are_suspended_not_deleted(deck, tmp_path,
                                                                   monkeypatch):
    from studykit import importer
    from studykit.cards import CardSpec

    def two_cards(text, **_):
        return [CardSpec("cloze", 1, "a [...]", text, "x"),
                CardSpec("cloze", 2, "[...] b", text, "y")]

    def one_card(text, **_):
        return [CardSpec("cloze", 1, "a [...]", text, "x")]

    path = write(tmp_path / "c.txt", NATIVE)
    monkeypatch.setattr(importer, "generate_cards", two_cards)
    import_paths(deck, [path])
    monkeypatch.setattr(importer, "generate_cards", one_card)
    write(path, NATIVE.replace("顺利训练", "稳定地训练"))
    report = import_paths(deck, [path]).to_json()
    assert report["cards"]["suspended"] == 1
    edited = next(i for i, h in highlight_rows(deck).items() if "稳定" in h["text"])
    rows = {r["ordinal"]: (r["suspended"], r["suspend_reason"])
            for r in card_rows(deck).values() if r["highlight_id"] == edited}
    assert rows == {1: (0, None), 2: (1, "stale")}
    monkeypatch.setattr(importer, "generate_cards", two_cards)
    write(path, NATIVE.replace("顺利训练", "稳定地训练了"))
    import_paths(deck, [path])
    assert {r["suspended"] for r in card_rows(deck).values()} == {0}
