"""`studykit --help` start-up vs `python -c "import typer"` (target: <= 1.3x).

    .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import sys

from _common import BIN, table, time_commands

TARGET = 1.3


def measure() -> dict:
    """Median seconds of `python -c "import typer"` and of `studykit --help`."""
    typer_s, help_s = time_commands([sys.executable, "-c", "import typer"],
                                    [str(BIN / "studykit"), "--help"])
    return {"typer_s": typer_s, "help_s": help_s}


def main() -> float:
    figures = measure()
    typer_s, help_s = figures["typer_s"], figures["help_s"]
    ratio = help_s / typer_s
    print(table([("python -c 'import typer'", f"{typer_s * 1000:.0f} ms", "1.00x"),
                 ("studykit --help", f"{help_s * 1000:.0f} ms", f"{ratio:.2f}x")],
                ("command", "median", "ratio")))
    print(f"target <= {TARGET}x: {'met' if ratio <= TARGET else 'NOT met'}")
    return ratio


if __name__ == "__main__":
    main()
