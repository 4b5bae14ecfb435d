"""The real entry point in a child process: contract shapes, errors, start-up."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import HIGHLIGHTS, run_cli


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip().startswith("studykit 0.")


def test_help_does_not_import_torch_rich_or_sqlite():
    code = ("import sys; sys.argv = ['studykit', '--help']\n"
            "from studykit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('torch', 'rich', 'sqlite3', 'sqlite_utils', 'markdown_it',"
            " 'jieba', 'yaml') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_import_json_contract_and_reimport(tmp_path):
    db = tmp_path / "d.db"
    first = run_cli("import", str(HIGHLIGHTS), "--db", str(db), "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert set(data) == {"files", "books", "highlights", "cards", "skipped", "reviews",
                         "errors"}
    assert data["reviews"] == 0  # answers brought back from Anki packages
    assert data["files"] == 4 and data["books"] == 4 and data["errors"] == []
    assert data["highlights"]["new"] >= 100
    second = json.loads(run_cli("import", str(HIGHLIGHTS), "--db", str(db), "--json").stdout)
    assert second["highlights"]["new"] == 0 and second["highlights"]["updated"] == 0
    assert second["highlights"]["unchanged"] == data["highlights"]["new"]


def test_export_json_shape(tmp_path):
    db = tmp_path / "d.db"
    run_cli("--db", str(db), "import", str(HIGHLIGHTS / "sequence-models.txt"))
    out = run_cli("export", "json", "--db", str(db))
    assert out.returncode == 0, out.stderr
    book = json.loads(out.stdout)["books"][0]
    assert {"id", "title", "author", "source_format", "highlights"} <= set(book)
    assert book["source_format"] == "weread-text"
    highlight = book["highlights"][0]
    assert {"id", "chapter", "text", "note", "created_at", "removed", "cards"} <= set(highlight)
    card = highlight["cards"][0]
    assert set(card) == {"id", "kind", "front", "back", "answer", "exercise", "state", "due"}
    assert card["state"] == "new" and card["id"].startswith(highlight["id"] + ":")


def test_books_json(tmp_path):
    db = tmp_path / "d.db"
    run_cli("import", str(HIGHLIGHTS / "deep-vision.md"), "--db", str(db))
    books = json.loads(run_cli("books", "--json", "--db", str(db)).stdout)
    assert [b["source_format"] for b in books] == ["weread-obsidian"]
    assert books[0]["highlights"] > 25 and books[0]["cards"] > 25


def test_failed_file_gives_exit_1_and_one_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00\x00binary")
    out = run_cli("import", str(bad), str(HIGHLIGHTS / "deep-vision.md"), "--db",
                  str(tmp_path / "d.db"), "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["errors"] == [{"file": str(bad),
                               "error": f"{bad}: this is a binary file, not text — export your "
                                        "notes as Markdown or plain text and import that file"}]
    assert data["highlights"]["new"] > 25


def test_project_errors_print_one_line_without_traceback(tmp_path):
    home_file = tmp_path / "not-a-dir"
    home_file.write_text("x")
    out = run_cli("books", "--db", str(home_file / "deck.db"))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1
    assert out.stderr.startswith("studykit: error: ")
    assert "Traceback" not in out.stderr
