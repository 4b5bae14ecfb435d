from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test may depend on the machine's speed: no per-example deadline, and no failing
# because generating examples was slow on a busy machine (tests may still set their own).
settings.register_profile("studykit", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("studykit")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
HIGHLIGHTS = REPO / "highlights"


@pytest.fixture(autouse=True)
def studykit_home(tmp_path, monkeypatch) -> Path:
    """Every test runs against its own empty STUDYKIT_HOME."""
    home = tmp_path / "home"
    monkeypatch.setenv("STUDYKIT_HOME", str(home))
    return home


@pytest.fixture
def deck(studykit_home):
    from studykit.deck import Deck

    with Deck(studykit_home / "deck.db") as d:
        yield d


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the real ``studykit`` entry point in a child process (``timeout``: a guard
    against a hang, far above any run's time even on a busy machine)."""
    return subprocess.run(
        [sys.executable, "-m", "studykit", *args], capture_output=True, text=True,
        input=input, cwd=cwd, timeout=timeout, env=dict(os.environ),
    )


def imported_deck(tmp_path: Path, notes: str, name: str = "notes.txt") -> Path:
    """A deck file made by ``studykit import`` of ``notes`` (written to ``tmp_path/name``)."""
    path = tmp_path / name
    path.write_text(notes, encoding="utf-8")
    db = tmp_path / "deck.db"
    result = run_cli("import", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def seed(name_prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    matches = sorted(SEEDS.glob(f"{name_prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {name_prefix} is not present")
    return matches[0]
