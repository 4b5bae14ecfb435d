"""Import: every path named or found is imported or reported on its own line; the others
still import; nothing blocks on a pipe, device or socket."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest
from conftest import HIGHLIGHTS, run_cli

from studykit.errors import SourceError
from studykit.importer import import_paths
from studykit.notefiles import collect_files, read_notes_file, shown

GOOD = HIGHLIGHTS / "sequence-models.txt"
NOTES = "name a notes file (.md, .markdown, .txt, or an Anki .csv/.tsv)"
BAD_NAME = os.fsdecode(b"bad\xff.md")


@pytest.fixture
def odd_files(tmp_path):
    """One of each kind of path that cannot be imported, and a good file, in a folder."""
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    os.mkfifo(folder / "pipe.md")
    (folder / "loop.md").symlink_to("loop.md")
    (folder / "broken.md").symlink_to("nowhere.md")
    (folder / BAD_NAME).write_text("# t\n\n> 一条划线\n", "utf-8")
    (folder / "again").symlink_to(folder, target_is_directory=True)  # a folder loop
    (folder / ".hidden.md").write_text("# hidden\n", "utf-8")
    return folder


def error_of(path) -> str:
    with pytest.raises(SourceError) as error:
        read_notes_file(path)
    return str(error.value)


def test_a_folder_yields_every_notes_file_even_those_that_are_not_files(odd_files):
    names = [p.name for p in collect_files([odd_files])]
    assert names == sorted(["good.txt", "pipe.md", "loop.md", "broken.md", BAD_NAME])


@pytest.mark.parametrize(("name", "message"), [
    ("pipe.md", f"pipe.md: not a regular file (a named pipe) — {NOTES}"),
    ("loop.md", "loop.md: a symbolic link that loops — fix or remove the link"),
    ("broken.md", "broken.md: a broken symbolic link (its target does not exist) — fix or "
                  "remove the link"),
    (BAD_NAME, "bad\\xff.md: the file name is not valid UTF-8 — rename it to a UTF-8 name "
               "(e.g. with mv), then import it again"),
    ("missing.md", "missing.md: no such file — check the path"),
    ("good.txt/x.md", "good.txt/x.md: no such file — check the path"),
])
def test_each_kind_of_bad_path_has_its_own_message(odd_files, name, message):
    assert error_of(odd_files / name) == f"{shown(odd_files)}/{message}"


def test_devices_and_sockets_are_refused_without_being_read(tmp_path):
    assert error_of("/dev/zero") == f"/dev/zero: not a regular file (a character device) — {NOTES}"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.md"))
        assert error_of(tmp_path / "s.md").endswith(f"s.md: not a regular file (a socket) — {NOTES}")
    finally:
        sock.close()


def test_shown_puts_any_name_on_one_line():
    assert shown(os.fsdecode(b"a\xff\xfeb.md")) == "a\\xff\\xfeb.md"
    assert shown("new\nline\t\x1b[31m.md") == "new\\nline\\t\\x1b[31m.md"
    assert shown("读书笔记 (1).md") == "读书笔记 (1).md"


def test_the_bad_paths_are_reported_and_the_good_file_imports(deck, odd_files):
    report = import_paths(deck, [odd_files, odd_files / "missing.md"])
    statuses = {f.path.rsplit("/", 1)[1]: f.status for f in report.files}
    assert statuses == {"good.txt": "imported", "pipe.md": "error", "loop.md": "error",
                        "broken.md": "error", "bad\\xff.md": "error", "missing.md": "error"}
    assert report.failed
    assert deck.conn.execute("SELECT COUNT(*) FROM books").fetchone()[0] == 1


def test_the_command_reports_each_on_its_own_line_and_exits_1(odd_files, tmp_path):
    named = [odd_files / "pipe.md", odd_files / "loop.md", odd_files / BAD_NAME, "/dev/zero",
             odd_files / "good.txt"]
    out = run_cli("import", *map(str, named), "--db", str(tmp_path / "d.db"), "--json",
                  timeout=300)  # a guard only: without the fix the pipe blocks forever
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout)
    assert [e["file"] for e in report["errors"]] == [
        shown(odd_files / "pipe.md"), shown(odd_files / "loop.md"),
        shown(odd_files / BAD_NAME), "/dev/zero"]
    assert report["highlights"]["new"] == 37
    table = run_cli("import", *map(str, named), "--db", str(tmp_path / "d.db"), timeout=300)
    errors = [line for line in table.stdout.splitlines() if line.startswith("error ")]
    assert len(errors) == 4
    assert f"error {shown(odd_files)}/bad\\xff.md: the file name is not valid UTF-8" in errors[2]


def _without_root_powers(argv: list[str]) -> list[str]:
    """As root, permissions do not apply: drop the capabilities that bypass them."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--", *argv]


def test_an_unreadable_file_or_folder_is_reported_not_refused_by_the_parser(tmp_path):
    secret = tmp_path / "secret.md"
    shutil.copy(HIGHLIGHTS / "deep-vision.md", secret)
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(HIGHLIGHTS / "training-notes.md", locked / "x.md")
    secret.chmod(0)
    locked.chmod(0)
    try:
        argv = _without_root_powers([sys.executable, "-m", "studykit", "import", str(secret),
                                     str(locked), str(GOOD), "--db", str(tmp_path / "d.db"),
                                     "--json"])
        out = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    assert out.returncode == 1, out.stderr  # typer's check would make it 2
    errors = json.loads(out.stdout)["errors"]
    assert errors == [
        {"file": str(secret), "error": f"{secret}: cannot read (Permission denied) — check "
                                       "permissions"},
        {"file": str(locked), "error": f"{locked}: cannot open the folder (Permission denied) "
                                       "— check its permissions"}]
    assert json.loads(out.stdout)["highlights"]["new"] == 37


def test_a_named_folder_without_notes_files_is_reported(deck, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "picture.png").write_bytes(b"\x89PNG")
    report = import_paths(deck, [empty, GOOD])
    assert [(f.status, f.error) for f in report.files] == [
        ("error", f"{empty}: no notes files (.md, .markdown, .txt) in this folder — check the "
                  "path; name other files (an Anki .csv) one by one"),
        ("imported", None)]
