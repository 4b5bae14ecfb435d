"""kill -9 at random points: the deck stays consistent, file by file."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

BOOK = """---
doc_type: weread-highlights-reviews
bookId: "{book}"
title: 书{book}
---
# 高亮划线
## 第一章
{lines}
"""


def write_library(folder, files=60, per_file=60):
    folder.mkdir()
    for b in range(files):
        lines = "\n".join(
            f"> 📌 第{b}本书的第{i}条划线：调用 optimizer.zero_grad() 清空梯度。\n"
            f"> ⏱ 2024-01-01 10:00:00 ^{b}-1-{i}-{i + 9}" for i in range(per_file))
        (folder / f"b{b:03}.md").write_text(BOOK.format(book=b, lines=lines), "utf-8")


def consistent(db) -> tuple[int, int]:
    """Every recorded file has exactly its highlights and cards; nothing half-written."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sources = dict(conn.execute("SELECT path, highlights FROM sources"))
        per_file = dict(conn.execute(
            "SELECT source_file, COUNT(*) FROM highlights GROUP BY source_file"))
        assert per_file == sources
        orphans = conn.execute("SELECT COUNT(*) FROM highlights h WHERE NOT EXISTS "
                               "(SELECT 1 FROM cards c WHERE c.highlight_id = h.id)").fetchone()
        assert orphans[0] == 0
        return len(sources), sum(sources.values())


@pytest.mark.slow
def test_kill_import_at_random_points(tmp_path):
    library = tmp_path / "library"
    write_library(library, files=200, per_file=40)
    rng = random.Random(2026)
    landed_mid_import = 0
    for trial in range(20):
        db = tmp_path / f"deck{trial}.db"
        proc = subprocess.Popen([sys.executable, "-m", "studykit", "import", str(library),
                                 "--db", str(db), "--json"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            files, _ = consistent(db)
            landed_mid_import += 0 < files < 200
    print("kills that landed mid-import:", landed_mid_import)
    assert landed_mid_import >= 5, landed_mid_import
    done = subprocess.run([sys.executable, "-m", "studykit", "import", str(library), "--db",
                           str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert consistent(db) == (200, 8000)
