"""`studykit edit` and `studykit delete`: through the CLI (the editor driven in a real
pseudo-terminal, EDITOR set to a script), the core edit flow, and what imports, review,
quiz and exports do with edited and deleted cards."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import textwrap
from pathlib import Path

import pexpect
import pytest
from conftest import imported_deck, run_cli

from studykit.card_edit import EditError, delete_cards, edit_card, form_path
from studykit.config import load_config
from studykit.deck import Deck
from studykit.deck import review as review_sql
from studykit.deck.quiz import cloze_candidates
from studykit.deck.review import Filters
from studykit.errors import NotFound
from studykit.review import Card, ReviewSession

NOTES = """《残差网络笔记》

林一
3个笔记


第七章 现代卷积网络

◆ 残差块把输入直接加到输出上，梯度可以沿恒等映射直接回传到浅层。

◆ 2024/05/01发表想法

这就是为什么很深的网络也能训练。

原文：残差块把输入直接加到输出上，梯度可以沿恒等映射直接回传到浅层。

◆ 批量归一化在训练时使用小批量的均值和方差，推理时改用训练中累计的滑动平均。

-- 来自微信读书
"""
RESIDUAL = "残差块把输入直接加到输出上，梯度可以沿恒等映射直接回传到浅层。"

# An EDITOR that rewrites the form: a cloze form gets a new marked text, any other form
# a new front and back. It records the form it was given beside it (".seen").
REWRITE = """
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path + ".seen", "w", encoding="utf-8").write(text)
head = text[: text.index("\\n===") + 1]
if "=== text ===" in text:
    body = "=== text ===\\n改过的{{c1::卡片}}文本\\n"
else:
    body = "=== front ===\\n改过的问题\\n=== back ===\\n改过的答案\\n"
open(path, "w", encoding="utf-8").write(head + body)
"""
BREAK = """
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text + "\\n=== notes ===\\n这一节不存在\\n")
"""


def editor_script(tmp_path: Path, name: str, source: str) -> str:
    script = tmp_path / f"{name}.py"
    script.write_text(f"#!{sys.executable}\n{textwrap.dedent(source)}", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.fixture
def deck_file(tmp_path):
    return imported_deck(tmp_path, NOTES)


def rows(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute(sql, args)]


def card_of(db: Path, text: str, kind: str | None = None) -> str:
    """The id of a card of the highlight with this text (of this kind if given)."""
    found = rows(db, "SELECT c.id, c.kind FROM cards c JOIN highlights h ON h.id = c.highlight_id "
                     "WHERE h.text = ? ORDER BY c.rowid", text)
    return next(i for i, k in found if kind is None or k == kind)


def answer(db: Path, card_id: str, *ratings: int) -> None:
    with Deck(db) as deck:
        session = ReviewSession(deck, load_config())
        for rating in ratings:
            session.answer(Card.from_row(review_sql.get_card(deck.conn, card_id), "new"), rating)


def schedule(db: Path, card_id: str) -> tuple:
    [row] = rows(db, "SELECT state, stability, difficulty, due, reps, lapses FROM cards "
                     "WHERE id = ?", card_id)
    return row


def log(db: Path, card_id: str) -> list[tuple]:
    return rows(db, "SELECT id, rating, reviewed_at FROM review_log WHERE card_id = ? ORDER BY id",
                card_id)


def spawn(db: Path, editor: str, *args: str) -> pexpect.spawn:
    env = dict(os.environ, EDITOR=editor, COLUMNS="200", TERM="xterm")
    env.pop("VISUAL", None)
    return pexpect.spawn(sys.executable, ["-m", "studykit", *args, "--db", str(db)], env=env,
                         encoding="utf-8", timeout=30, dimensions=(40, 200))


def finished(child: pexpect.spawn) -> tuple[str, int]:
    output = child.read()
    child.close()
    return output, child.exitstatus


# --- edit through the CLI, in a real terminal ------------------------------------------


def test_edit_saves_the_new_text_and_keeps_the_history(deck_file, tmp_path):
    card_id = card_of(deck_file, RESIDUAL)
    answer(deck_file, card_id, 3, 3)
    before, history = schedule(deck_file, card_id), log(deck_file, card_id)
    child = spawn(deck_file, editor_script(tmp_path, "rewrite", REWRITE), "edit", card_id)
    output, status = finished(child)
    assert status == 0, output
    assert output.strip() == f"saved card {card_id}; its review history is kept"
    [(kind, front, back, answer_)] = rows(
        deck_file, "SELECT kind, front, back, answer FROM cards WHERE id = ?", card_id)
    if kind == "cloze":
        assert (front, back, answer_) == ("改过的[...]文本", "改过的卡片文本", "卡片")
    else:
        assert (front, back) == ("改过的问题", "改过的答案")
    assert schedule(deck_file, card_id) == before
    assert log(deck_file, card_id) == history and len(history) == 2
    assert rows(deck_file, "SELECT COUNT(*) FROM card_edits WHERE card_id = ? "
                           "AND edited_at IS NOT NULL", card_id) == [(1,)]
    assert not form_path(card_id).exists()


def test_a_malformed_form_is_refused_kept_and_reopened(deck_file, tmp_path):
    card_id = card_of(deck_file, RESIDUAL)
    untouched = rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id)
    output, status = finished(spawn(deck_file, editor_script(tmp_path, "break", BREAK),
                                    "edit", card_id))
    kept = form_path(card_id)
    assert status == 1
    assert output.strip() == (
        f"studykit: error: card {card_id} is unchanged: unknown section '=== notes ===' — "
        f"your edit is kept at {kept}; `studykit edit {card_id}` opens it again to fix it")
    assert "=== notes ===" in kept.read_text(encoding="utf-8")
    assert rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id) == untouched
    # the next edit opens the kept form, not a fresh one
    output, status = finished(spawn(deck_file, editor_script(tmp_path, "rewrite", REWRITE),
                                    "edit", card_id))
    assert status == 0, output
    assert "from the form you were editing before" in output
    assert "=== notes ===" in Path(f"{kept}.seen").read_text(encoding="utf-8")
    assert not kept.exists()


def test_an_editor_that_fails_changes_nothing(deck_file):
    card_id = card_of(deck_file, RESIDUAL)
    before = rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id)
    output, status = finished(spawn(deck_file, "false", "edit", card_id))
    assert status == 1
    assert output.strip() == (
        f"studykit: error: the editor exited with status 1; card {card_id} is unchanged — "
        f"your form is kept at {form_path(card_id)}; `studykit edit {card_id}` opens it again")
    assert rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id) == before


def test_no_editor_anywhere_is_one_clear_line(deck_file, tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(empty))
    result = run_cli("edit", card_of(deck_file, RESIDUAL), "--db", str(deck_file))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "studykit: error: no editor found (VISUAL and EDITOR are unset; no editor, nano or vi)"
        " — set EDITOR, e.g. export EDITOR=nano")


def test_editing_an_unknown_card(deck_file):
    result = run_cli("edit", "no-such-card", "--db", str(deck_file))
    assert result.returncode == 1
    assert result.stderr.strip() == ("studykit: error: no card with id no-such-card — "
                                     "find ids with `studykit cards --query TEXT`")


# --- the core flow ---------------------------------------------------------------------


def write_form(fields: str):
    def editor(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("\n===") + 1] + fields, encoding="utf-8")
        return 0
    return editor


def test_saving_the_form_as_it_was_changes_nothing(deck_file):
    with Deck(deck_file) as deck:
        card_id = card_of(deck_file, RESIDUAL)
        before = rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id)
        assert edit_card(deck, card_id, editor=lambda path: 0).status == "unchanged"
    assert rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id) == before
    assert rows(deck_file, "SELECT COUNT(*) FROM card_edits") == [(0,)]


def empty_every_section(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if line.startswith(("#", "=== "))]
    path.write_text("\n".join(kept), encoding="utf-8")
    return 0


def test_emptying_the_form_cancels(deck_file):
    card_id = card_of(deck_file, RESIDUAL)
    before = rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id)
    with Deck(deck_file) as deck:
        assert edit_card(deck, card_id, editor=empty_every_section).status == "cancelled"
    assert rows(deck_file, "SELECT * FROM cards WHERE id = ?", card_id) == before
    assert not form_path(card_id).exists()


def test_an_edited_card_is_kept_when_its_highlight_changes(deck_file, tmp_path):
    """Its siblings regenerate from the new text; the reader's card stays as written."""
    thought = card_of(deck_file, RESIDUAL, "thought")
    with Deck(deck_file) as deck:
        edit_card(deck, thought, editor=write_form(
            "=== front ===\n我写下的想法问的是哪一段？\n=== back ===\n残差块与恒等映射\n"))
    notes = tmp_path / "notes.txt"
    edited_text = RESIDUAL.replace("浅层", "很浅的层")
    notes.write_text(NOTES.replace(RESIDUAL, edited_text), encoding="utf-8")
    result = run_cli("import", str(notes), "--db", str(deck_file), "--json")
    assert json.loads(result.stdout)["highlights"]["updated"] == 1
    cards = rows(deck_file, "SELECT c.id, c.front, c.back, c.suspended FROM cards c "
                            "JOIN highlights h ON h.id = c.highlight_id WHERE h.text = ?",
                 edited_text)
    mine = [c for c in cards if c[0] == thought]
    assert mine == [(thought, "我写下的想法问的是哪一段？", "残差块与恒等映射", 0)]
    siblings = [c for c in cards if c[0] != thought and not c[3]]
    assert siblings, "the generator made no other card for this highlight"
    assert all(edited_text in back for _, _, back, _ in siblings)


# --- delete ------------------------------------------------------------------------------


def test_deleted_cards_are_listed_exported_as_deleted_and_never_shown(deck_file):
    doomed = [card_of(deck_file, RESIDUAL), card_of(deck_file, RESIDUAL, "thought")]
    answer(deck_file, doomed[0], 3)
    history = log(deck_file, doomed[0])
    result = run_cli("delete", *doomed, "--db", str(deck_file))
    assert (result.returncode, result.stdout.strip()) == (0, "deleted 2 cards")
    again = run_cli("delete", doomed[0], "--db", str(deck_file))
    assert again.stdout.strip() == "deleted 0 cards (1 already deleted)"

    listed = json.loads(run_cli("cards", "--is", "deleted", "--json", "--db", str(deck_file)).stdout)
    assert sorted(c["id"] for c in listed) == sorted(doomed)
    assert {c["state"] for c in listed} == {"deleted"}
    suspended = json.loads(run_cli("cards", "--is", "suspended", "--json", "--db",
                                   str(deck_file)).stdout)
    assert not {c["id"] for c in suspended} & set(doomed)
    exported = json.loads(run_cli("export", "json", "--db", str(deck_file)).stdout)
    states = {c["id"]: c["state"] for b in exported["books"] for h in b["highlights"]
              for c in h["cards"]}
    assert [states[i] for i in doomed] == ["deleted", "deleted"]
    assert log(deck_file, doomed[0]) == history  # kept in the log

    csv_out = run_cli("export", "csv", "--db", str(deck_file)).stdout
    with Deck(deck_file) as deck:
        shown = set()
        session = ReviewSession(deck, load_config(), cram=True)
        while (card := session.next_card()) is not None and card.id not in shown:
            shown.add(card.id)
            session.answer(card, 3)
        quizzable = {card_id for card_id, _ in cloze_candidates(deck.conn, Filters())}
    assert shown and not shown & set(doomed)
    assert not quizzable & set(doomed)
    for card_id in doomed:
        [(front,)] = rows(deck_file, "SELECT front FROM cards WHERE id = ?", card_id)
        assert front not in csv_out


def test_unsuspend_does_not_bring_a_deleted_card_back(deck_file):
    card_id = card_of(deck_file, RESIDUAL)
    run_cli("delete", card_id, "--db", str(deck_file))
    result = run_cli("unsuspend", card_id, "--db", str(deck_file))
    assert result.stdout.strip() == "unsuspended 0 cards"
    assert rows(deck_file, "SELECT suspended, suspend_reason FROM cards WHERE id = ?",
                card_id) == [(1, "deleted")]


def test_an_unknown_id_deletes_nothing(deck_file):
    card_id = card_of(deck_file, RESIDUAL)
    result = run_cli("delete", card_id, "nope", "--db", str(deck_file))
    assert result.returncode == 1
    assert result.stderr.strip() == ("studykit: error: no card with id nope — "
                                     "find ids with `studykit cards --query TEXT`")
    assert rows(deck_file, "SELECT suspended FROM cards WHERE id = ?", card_id) == [(0,)]


def test_a_deleted_card_cannot_be_edited(deck_file):
    card_id = card_of(deck_file, RESIDUAL)
    with Deck(deck_file) as deck:
        delete_cards(deck, [card_id])
        with pytest.raises(EditError, match="is deleted"):
            edit_card(deck, card_id, editor=lambda path: 0)
        with pytest.raises(NotFound):
            delete_cards(deck, ["missing"])


# --- E in review ---------------------------------------------------------------------------


def test_capital_e_in_review_edits_the_card_on_screen(deck_file, tmp_path):
    env = dict(os.environ, EDITOR=editor_script(tmp_path, "rewrite", REWRITE), COLUMNS="100",
               TERM="xterm")
    env.pop("VISUAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "studykit", "review", "--db", str(deck_file)],
                          env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect("Space to reveal")
    child.send("E")
    child.expect(r"saved card (\S+); its review history is kept")
    card_id = child.match.group(1)
    child.expect("改过的")  # shown again, from its front, with the new text
    child.expect("Space to reveal")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [(front,)] = rows(deck_file, "SELECT front FROM cards WHERE id = ?", card_id)
    assert front.startswith("改过的")
