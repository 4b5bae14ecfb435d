"""Run studykit in a real pseudo-terminal and read the screen it leaves (pexpect + pyte).

A UI that redraws in place (rich Live) writes the same lines many times; the screen of a
terminal emulator shows what the learner sees: the last drawing only.
"""

from __future__ import annotations

import os
import sys

import pexpect
import pyte

ROWS, COLS = 40, 100


class Screen:
    """A studykit child in a pty; ``text()`` is its screen now, ``raw`` all it wrote."""

    def __init__(self, *args: str, env: dict | None = None, rows: int = ROWS,
                 cols: int = COLS, timeout: float = 30) -> None:
        env = {k: v for k, v in (env or os.environ).items() if k not in ("COLUMNS", "LINES")}
        env["TERM"] = "xterm"
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self.raw = ""
        self.child = pexpect.spawn(sys.executable, ["-m", "studykit", *args], env=env,
                                   encoding="utf-8", timeout=timeout, dimensions=(rows, cols))
        self.child.logfile_read = self

    def write(self, data: str) -> None:  # pexpect's logfile_read
        self.raw += data
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    def expect(self, pattern: str) -> None:
        self.child.expect(pattern)

    def settle(self, seconds: float = 0.3) -> None:
        """Read whatever the child writes for a moment (the rest of a redraw)."""
        self.child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=seconds)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def quit(self, key: str = "q") -> int:
        self.child.send(key)
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus
