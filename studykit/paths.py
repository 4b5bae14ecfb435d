"""Where studykit keeps its data: ``STUDYKIT_HOME`` or the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

DECK_FILE = "deck.db"
CONFIG_FILE = "config.yaml"


def home() -> Path:
    env = os.environ.get("STUDYKIT_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("studykit", appauthor=False))


def default_db() -> Path:
    return home() / DECK_FILE


def workspace() -> Path:
    """Where the learner's copies of exercise starters live."""
    return home() / "exercises"
