"""Single-key input in a real terminal, line input when stdin is a pipe or file."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

ENTER, SPACE = "\n", " "


class KeyReader:
    """``key()`` returns one key without Enter on a TTY; on a pipe, one line per key
    (an empty line is Enter, a lone space is Space). ``line()`` reads a typed answer."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdin
        self.tty = self.stream.isatty()

    def key(self) -> str | None:
        """The key pressed, or None at end of input."""
        if not self.tty:
            line = self.stream.readline()
            if not line:
                return None
            stripped = line.rstrip("\n")
            if stripped == "":
                return ENTER
            return SPACE if stripped.strip() == "" else stripped.strip()[0]
        with self._cbreak():
            char = os.read(self.stream.fileno(), 1).decode("utf-8", "ignore")
        if char in ("\r", "\n"):
            return ENTER
        if char == "\x03":
            raise KeyboardInterrupt
        if char == "\x04":
            return None
        return char

    def line(self, prompt: str = "") -> str | None:
        if self.tty:
            try:
                return input(prompt)
            except EOFError:
                return None
        sys.stdout.write(prompt)
        sys.stdout.flush()
        line = self.stream.readline()
        return line.rstrip("\n") if line else None

    @contextmanager
    def _cbreak(self):
        import termios
        import tty

        fd = self.stream.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            yield
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
