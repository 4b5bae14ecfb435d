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


class KeyPoller:
    """Keys with a timeout, for loops that also wait on something else (watch mode).

    Use as a context manager: a TTY stays in cbreak mode while inside. ``poll`` returns a
    key, None on timeout, and raises EOFError at the end of piped input."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdin
        self.fd = self.stream.fileno()
        self.tty = self.stream.isatty()
        self._pending = b""
        self._saved = None

    def __enter__(self) -> KeyPoller:
        if self.tty:
            import termios
            import tty

            self._saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def poll(self, timeout: float) -> str | None:
        import select

        if not self._has_key():
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self.fd, 1024)
            if not chunk:
                if self._pending:
                    self._pending += b"\n"
                else:
                    raise EOFError
            self._pending += chunk
        return self._take()

    def _has_key(self) -> bool:
        return bool(self._pending) and (self.tty or b"\n" in self._pending)

    def _take(self) -> str | None:
        if not self._has_key():
            return None
        if self.tty:
            char, self._pending = self._pending[:1], self._pending[1:]
            return char.decode("utf-8", "ignore")
        line, _, self._pending = self._pending.partition(b"\n")
        text = line.decode("utf-8", "ignore").strip()
        return text[:1] if text else ENTER
