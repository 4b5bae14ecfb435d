"""Highlights that make no card: image placeholders, lone punctuation, tiny fragments."""

from __future__ import annotations

import re

IMAGE_PLACEHOLDER = re.compile(r"\[(?:插图|图片)\]")
MIN_MEANINGFUL_CHARS = 4
_ENOUGH_MEANING = re.compile(
    rf"(?:[^0-9A-Za-z\u3400-\u9fff]*[0-9A-Za-z\u3400-\u9fff]){{{MIN_MEANINGFUL_CHARS}}}")


def is_junk(text: str, kind: str = "text") -> bool:
    """True for image-only highlights, punctuation and fragments of a few characters."""
    if kind in ("code", "card"):
        return not text.strip()
    if "[" in text:
        text = IMAGE_PLACEHOLDER.sub("", text)
    return _ENOUGH_MEANING.match(text) is None
