"""Health checks for `studykit doctor` (torch is probed in a child process)."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

from studykit import __version__

_TORCH_PROBE = """
import json, torch
info = {"torch": torch.__version__, "cuda": torch.cuda.is_available()}
if info["cuda"]:
    info["device"] = torch.cuda.get_device_name(0)
    info["cuda_version"] = torch.version.cuda
print(json.dumps(info))
"""


def run_checks(db: Path) -> list[tuple[str, bool, str]]:
    return [
        ("studykit", True, f"{__version__} at {Path(__file__).parent}"),
        ("python", sys.version_info >= (3, 10), f"{platform.python_version()} ({sys.executable})"),
        _torch(),
        _deck(db),
        *_schema(db),
        _catalog(),
        _sandbox(),
    ]


def _torch() -> tuple[str, bool, str]:
    try:
        out = subprocess.run([sys.executable, "-c", _TORCH_PROBE], capture_output=True,
                             text=True, timeout=120)
        info = json.loads(out.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, ValueError, IndexError):
        return "torch", False, "cannot import torch: reinstall with `make setup` (TORCH_SPEC)"
    cuda = (f"CUDA {info['cuda_version']} on {info['device']}" if info["cuda"]
            else "no CUDA device: exercises run on the CPU")
    return "torch", True, f"{info['torch']}; {cuda}"


def _deck(db: Path) -> tuple[str, bool, str]:
    """The deck is a studykit deck and passes SQLite's integrity check (read-only: doctor
    changes nothing); when damaged, the way out (the newest good backup to restore)."""
    from studykit.deck.health import deck_health

    ok, detail = deck_health(db)
    return "deck", ok, detail


def _schema(db: Path) -> list[tuple[str, bool, str]]:
    """The deck's tables, columns, indexes, triggers and search index, read with
    sqlite-utils and compared with a fresh deck's (none when there is no deck yet)."""
    import sqlite3

    from studykit.deck.introspect import REBUILD, check_schema

    if not db.exists():
        return []
    try:
        report = check_schema(db)
    except sqlite3.DatabaseError as exc:
        return [("schema", False, f"cannot read the schema: {exc}")]
    if report.missing:
        return [("schema", False, f"missing {', '.join(report.missing)} — restore a backup "
                 "with `studykit restore FILE`")]
    if not report.fts_ok:
        return [("schema", False, f"{report.tables} tables; the search index is out of step "
                 f"with the cards — rebuild it with `{REBUILD.format(path=db)}`")]
    return [("schema", True, f"{report.tables} tables as expected; search index "
             f"{report.fts} (FTS5 trigram) in step with the cards")]


def _catalog() -> tuple[str, bool, str]:
    from studykit.errors import StudykitError
    from studykit.exercises.catalog import catalog_root, load_catalog

    try:
        exercises = load_catalog()
    except StudykitError as exc:
        return "exercises", False, str(exc)
    return "exercises", True, f"{len(exercises)} in {catalog_root()}"


def _sandbox() -> tuple[str, bool, str]:
    """How graded code is confined here (a line, never a failure: limits-only says so)."""
    from studykit.grading.sandbox import describe

    return "sandbox", True, describe()
