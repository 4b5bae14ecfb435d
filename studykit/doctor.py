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
    from studykit.deck import Deck
    from studykit.errors import StudykitError

    if not db.exists():
        return "deck", True, f"{db} (not created yet; `studykit import` creates it)"
    try:
        with Deck(db) as deck:
            check = deck.conn.execute("PRAGMA integrity_check").fetchone()[0]
            cards = deck.conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
            version = deck.schema_version()
    except StudykitError as exc:
        return "deck", False, str(exc)
    return "deck", check == "ok", f"{db}: schema v{version}, {cards} cards, integrity {check}"


def _catalog() -> tuple[str, bool, str]:
    from studykit.catalog import catalog_root, load_catalog
    from studykit.errors import StudykitError

    try:
        exercises = load_catalog()
    except StudykitError as exc:
        return "exercises", False, str(exc)
    return "exercises", True, f"{len(exercises)} in {catalog_root()}"


def _sandbox() -> tuple[str, bool, str]:
    """How graded code is confined here (a line, never a failure: limits-only says so)."""
    from studykit.grading.sandbox import describe

    return "sandbox", True, describe()
