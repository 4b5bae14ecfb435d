"""The project's exception types. The CLI catches these (and only these) and prints
one line: what went wrong, then what to do about it."""

from __future__ import annotations


class StudykitError(Exception):
    """Base class: ``message`` says what is wrong, ``remedy`` what to do."""

    exit_code = 1

    def __init__(self, message: str, remedy: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.remedy = remedy

    def __str__(self) -> str:
        return f"{self.message} — {self.remedy}" if self.remedy else self.message


class SourceError(StudykitError):
    """A notes file cannot be read or recognised."""


class DeckError(StudykitError):
    """The deck database cannot be opened, migrated or written."""


class ConfigError(StudykitError):
    """A configuration key or value is not valid."""


class ExerciseError(StudykitError):
    """An exercise id, workspace file or catalog entry is not valid."""


class NotFound(StudykitError):
    """A card, book or exercise named on the command line does not exist."""
