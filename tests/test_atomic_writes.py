"""Every file studykit writes (exports, backups, config) is replaced whole or not at all:
a Ctrl-C in the middle of writing leaves the old file as it was and no temporary file,
beside it or in TMPDIR."""

from __future__ import annotations

import sqlite3
import tempfile

import pytest
from conftest import HIGHLIGHTS

import studykit.atomicfile as atomicfile
import studykit.deck.backups as backups
from studykit.config import config_path, save_setting
from studykit.deck import Deck
from studykit.export.csv_export import export_csv
from studykit.export.json_export import export_json
from studykit.export.markdown_export import export_markdown
from studykit.importer import import_paths

OLD = b"the previous good file\n"


@pytest.fixture
def tmpdir_watched(tmp_path, monkeypatch):
    """TMPDIR points at an empty folder that must stay empty."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder
    assert list(folder.iterdir()) == []


@pytest.fixture
def filled(deck):
    import_paths(deck, [HIGHLIGHTS / "sequence-models.txt"])
    return deck


class _Interrupting:
    """A file that writes half of its first long (or second) text, then raises
    KeyboardInterrupt, as a Ctrl-C would in the middle of writing."""

    def __init__(self, real):
        self.real, self.writes = real, 0

    def write(self, text):
        self.writes += 1
        if self.writes >= 2 or len(text) > 10:
            self.real.write(text[: len(text) // 2])
            self.real.flush()
            raise KeyboardInterrupt
        return self.real.write(text)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.real.__exit__(*exc)


@pytest.fixture
def ctrl_c_mid_write(monkeypatch):
    real_open = open
    monkeypatch.setattr(atomicfile, "open", lambda *a, **k: _Interrupting(real_open(*a, **k)),
                        raising=False)


def only_old_file(folder, name):
    assert [p.name for p in folder.iterdir()] == [name]
    assert (folder / name).read_bytes() == OLD


@pytest.mark.parametrize("export", ["json", "csv", "markdown file"])
def test_ctrl_c_mid_export_keeps_the_old_file(filled, tmp_path, tmpdir_watched, ctrl_c_mid_write,
                                              export):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / f"deck.{'md' if export == 'markdown file' else export}"
    target.write_bytes(OLD)
    write = {"json": export_json, "csv": export_csv, "markdown file": export_markdown}[export]
    with pytest.raises(KeyboardInterrupt):
        write(filled.conn, target)
    only_old_file(out_dir, target.name)


def test_ctrl_c_mid_markdown_folder_leaves_whole_files_only(filled, tmp_path, tmpdir_watched,
                                                             ctrl_c_mid_write):
    out_dir = tmp_path / "sheets"
    with pytest.raises(KeyboardInterrupt):
        export_markdown(filled.conn, out_dir)
    assert [p.name for p in out_dir.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("export", [export_json, export_csv, export_markdown])
def test_a_finished_export_leaves_one_file(filled, tmp_path, tmpdir_watched, export):
    target = tmp_path / "out" / "deck.out.md"
    target.parent.mkdir()
    target.write_bytes(OLD)
    export(filled.conn, target)
    assert [p.name for p in target.parent.iterdir()] == ["deck.out.md"]
    assert target.read_bytes() != OLD


def test_ctrl_c_mid_config_write_keeps_the_old_config(tmpdir_watched, ctrl_c_mid_write):
    config_path().parent.mkdir(parents=True)
    config_path().write_bytes(OLD.replace(b"the previous good file", b"new_per_day: 35"))
    before = config_path().read_bytes()
    with pytest.raises(KeyboardInterrupt):
        save_setting("desired_retention", "0.85")
    assert config_path().read_bytes() == before
    assert [p.name for p in config_path().parent.iterdir()] == ["config.yaml"]


def test_ctrl_c_mid_backup_leaves_no_partial_backup(filled, tmp_path, tmpdir_watched,
                                                    monkeypatch):
    def interrupted_check(path):
        assert path.stat().st_size > 0  # the copy is written: interrupt before the rename
        raise KeyboardInterrupt

    monkeypatch.setattr(backups, "file_problems", interrupted_check)
    target = tmp_path / "copies" / "deck-backup.db"
    target.parent.mkdir()
    target.write_bytes(OLD)
    with pytest.raises(KeyboardInterrupt):
        filled.backup(target)
    only_old_file(target.parent, target.name)


def test_ctrl_c_mid_restore_keeps_the_damaged_deck_aside(filled, tmp_path, tmpdir_watched,
                                                         monkeypatch):
    backup = filled.backup(tmp_path / "good.db")
    target = tmp_path / "here" / "deck.db"
    target.parent.mkdir()
    target.write_bytes(b"\x00not a deck" * 100)

    def interrupted_copy(conn, path):
        dest = sqlite3.connect(path)
        conn.backup(dest)
        dest.close()
        raise KeyboardInterrupt

    monkeypatch.setattr(backups, "_copy", interrupted_copy)
    with pytest.raises(KeyboardInterrupt):
        backups.restore(backup, target)
    assert [p.name for p in target.parent.iterdir()] == ["backups"]  # no half-copied deck
    (aside,) = (target.parent / "backups").iterdir()
    assert aside.read_bytes() == b"\x00not a deck" * 100
    monkeypatch.undo()
    backups.restore(backup, target)  # the restore can simply be run again
    with Deck(target) as deck:
        assert deck.conn.execute("SELECT COUNT(*) FROM books").fetchone()[0] == 1
