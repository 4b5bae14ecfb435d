"""A damaged deck (pages zeroed, or the file truncated): every command fails with one
line naming the problem and the way out; doctor names the backup to restore; backup
refuses to copy the damage; restore replaces the deck and keeps the damaged file."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import HIGHLIGHTS, run_cli

from studykit.deck import Deck
from studykit.deck.backups import backup_name, restore
from studykit.deck.health import deck_health, file_problems
from studykit.errors import DeckError

PAGE = 4096
WAY_OUT = ("— `studykit doctor` names your newest good backup and `studykit restore BACKUP` "
           "puts it in place (the damaged file is kept aside)\n")


@pytest.fixture(scope="module")
def sound_deck(tmp_path_factory):
    """A deck with two books (made once; tests copy it)."""
    path = tmp_path_factory.mktemp("template") / "deck.db"
    out = run_cli("import", str(HIGHLIGHTS / "sequence-models.txt"),
                  str(HIGHLIGHTS / "deep-vision.md"), "--db", str(path))
    assert out.returncode == 0, out.stderr
    return path


def root_pages(path) -> list[int]:
    """The first page of every table and index but the migrations table."""
    conn = sqlite3.connect(path)
    try:
        return [page for (page,) in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE rootpage > 0 "
            "AND tbl_name != 'migrations'")]
    finally:
        conn.close()


def zero_pages(path, pages) -> None:
    with open(path, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * PAGE)
            f.write(bytes(PAGE))


@pytest.fixture
def zeroed(sound_deck, tmp_path):
    """The first page of every table and index but the migrations table is zeros."""
    path = tmp_path / "zeroed.db"
    shutil.copyfile(sound_deck, path)
    zero_pages(path, root_pages(path))
    return path


@pytest.fixture
def truncated(sound_deck, tmp_path):
    path = tmp_path / "truncated.db"
    shutil.copyfile(sound_deck, path)
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)
    return path


def books_in(path) -> int:
    with Deck(path, readonly=True) as deck:
        return deck.conn.execute("SELECT COUNT(*) FROM books").fetchone()[0]


COMMANDS = [
    ["books"], ["cards"], ["stats"], ["export", "json"], ["export", "csv"],
    ["export", "markdown"], ["review"], ["quiz", "--kind", "cloze"], ["backup"],
    ["suspend", "x"], ["import", str(HIGHLIGHTS / "pytorch-basics.md")], ["exercise", "list"],
    ["exercise", "show", "tensors/view_vs_copy"], ["optimize"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_zeroed_pages_give_one_line_with_the_way_out(zeroed, args):
    before = zeroed.read_bytes()
    out = run_cli(*args, "--db", str(zeroed), input="q\n")
    assert out.returncode == 1, out.stdout
    assert "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1, out.stderr
    assert out.stderr.startswith(f"studykit: error: the deck {zeroed} is damaged ")
    assert out.stderr.endswith(WAY_OUT)
    assert zeroed.read_bytes() == before


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_truncated_deck_is_named_as_such_by_every_command(truncated, args):
    size = truncated.stat().st_size
    out = run_cli(*args, "--db", str(truncated), input="q\n")
    assert out.returncode == 1
    assert out.stderr == (f"studykit: error: the deck {truncated} is damaged (the file is "
                          f"truncated: {size} of {size * 2} bytes) {WAY_OUT}")


def test_backup_refuses_to_copy_a_damaged_deck(zeroed, tmp_path):
    target = tmp_path / "copies" / "copy.db"
    out = run_cli("backup", "--db", str(zeroed), "-o", str(target))
    assert out.returncode == 1
    assert "no backup was written" in out.stderr
    assert not target.exists()
    assert list((tmp_path / "copies").iterdir()) == []  # no temporary file left either


def test_backup_verifies_its_copy(sound_deck, tmp_path):
    target = tmp_path / "copy.db"
    out = run_cli("backup", "--db", str(sound_deck), "-o", str(target))
    assert out.stdout == f"backed up {sound_deck} to {target} (integrity checked)\n"
    assert file_problems(target) == []
    assert books_in(target) == books_in(sound_deck) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db"]  # one file, no -wal


@pytest.mark.parametrize("damage", ["zeroed", "truncated", "not sqlite at all"])
def test_restore_moves_a_damaged_deck_aside_and_brings_the_backup(sound_deck, zeroed, truncated,
                                                                  tmp_path, damage):
    deck = {"zeroed": zeroed, "truncated": truncated}.get(damage)
    if deck is None:
        deck = tmp_path / "garbage.db"
        deck.write_bytes(b"\x00garbage" * 1000)
    damaged_bytes = deck.read_bytes()
    out = run_cli("restore", str(sound_deck), "--db", str(deck))
    assert out.returncode == 0, out.stderr
    aside = tmp_path / "backups" / out.stdout.split("/backups/")[1].rstrip(")\n")
    assert out.stdout == (f"restored {deck} from {sound_deck} (the damaged or unreadable file "
                          f"was moved to {aside})\n")
    assert aside.read_bytes() == damaged_bytes  # kept whole, never deleted
    assert books_in(deck) == 2
    assert file_problems(deck) == []
    assert run_cli("books", "--db", str(deck)).returncode == 0


def test_restore_keeps_a_copy_of_a_deck_without_books(sound_deck, tmp_path):
    deck = tmp_path / "deck.db"
    with Deck(deck) as d, d.transaction() as conn:  # exercise progress, no book
        conn.execute("INSERT INTO exercise_progress (exercise_id, hints_shown) "
                     "VALUES ('tensors/scale_rows', 2)")
    restored = restore(sound_deck, deck)
    assert restored.kept is not None and not restored.moved
    with Deck(restored.kept, readonly=True) as kept:
        assert [tuple(r) for r in kept.conn.execute(
            "SELECT exercise_id, hints_shown FROM exercise_progress")] == [
            ("tensors/scale_rows", 2)]
    assert books_in(deck) == 2


def test_restore_refuses_a_damaged_backup_and_changes_nothing(sound_deck, zeroed, tmp_path):
    deck = tmp_path / "deck.db"
    shutil.copyfile(sound_deck, deck)
    before = deck.read_bytes()
    with pytest.raises(DeckError, match=r"zeroed\.db is damaged \(integrity check: ") as error:
        restore(zeroed, deck)
    assert error.value.remedy == "pick another backup"
    assert deck.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_doctor_names_the_newest_good_backup_and_its_advice_works(sound_deck, zeroed):
    older_good = backup_name(zeroed)
    older_good.parent.mkdir()
    shutil.copyfile(sound_deck, older_good)
    newer_bad = backup_name(zeroed)
    shutil.copyfile(zeroed, newer_bad)  # a backup taken after the damage (by hand)
    ok, detail = deck_health(zeroed)
    assert not ok
    assert detail.startswith(f"{zeroed} is damaged (integrity check: ")
    advice = f"Restore your newest good backup: studykit restore {older_good} --db {zeroed} "
    assert advice in detail
    out = run_cli("restore", str(older_good), "--db", str(zeroed))
    assert out.returncode == 0, out.stderr
    assert deck_health(zeroed)[0]


def test_doctor_without_a_backup_says_how_to_start_again(truncated):
    ok, detail = deck_health(truncated)
    assert not ok
    assert f"No good backup in {truncated.parent / 'backups'}: move the file aside" in detail


def test_backup_names_never_collide(tmp_path):
    deck = tmp_path / "deck.db"
    Deck(deck).close()
    with Deck(deck) as d:
        first = d.backup(backup_name(deck))
        second = d.backup(backup_name(deck))
    assert first != second and first.exists() and second.exists()


def test_doctor_on_a_deck_whose_first_page_is_lost_names_the_backup(sound_deck, tmp_path):
    deck = tmp_path / "deck.db"
    shutil.copyfile(sound_deck, deck)
    good = backup_name(deck)
    good.parent.mkdir()
    shutil.copyfile(sound_deck, good)
    zero_pages(deck, [1])
    ok, detail = deck_health(deck)
    assert not ok
    assert detail == (f"{deck} is not a studykit deck (not an SQLite database, or a deck whose "
                      "first page is damaged); it was left untouched. If it was your deck: "
                      f"Restore your newest good backup: studykit restore {good} --db {deck} "
                      "(the damaged file is moved aside, not deleted)")
