"""Bytes to clean text: encoding detection and newline/whitespace normalisation."""

from __future__ import annotations

import codecs
import re

from studykit.errors import SourceError

_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)  # U+3000 is kept on purpose
_INVISIBLE = ("\ufffc", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode a notes file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

    Raises SourceError for binary data or bytes no supported encoding accepts.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    if _looks_binary(data):
        raise SourceError(
            f"{name}: this is a binary file, not text",
            "export your notes as Markdown or plain text and import that file",
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(
        f"{name}: cannot decode the text (not UTF-8, UTF-16 or GB18030)",
        "re-save the file as UTF-8 and import it again",
    )


def normalise(text: str) -> str:
    """CRLF/CR to LF, U+FFFC and zero-width characters removed, trailing spaces cut."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return _TRAILING_SPACE.sub("", text)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{name}: the file says it is {encoding.upper()} but byte {exc.start} is not",
            "re-save the file as UTF-8 and import it again",
        ) from None


_NOT_CONTROL = bytes([9, 10, 12, 13, 27, *range(32, 256)])


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return bool(head) and controls / len(head) > 0.05
