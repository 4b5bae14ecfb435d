"""Which reader reads a text: the format sniffing of every reader, in one place.

``detect_format`` names the source format a text is written in (what its books record);
``detect_reader`` the reader module (a key of :data:`PARSERS`) that reads it.
"""

from __future__ import annotations

import re

TABLE_SUFFIXES = (".csv", ".tsv")

# reader -> module; each module's SOURCE_FORMAT is what its books record. Keys that are
# source formats name that format's main reader.
PARSERS = {
    "weread-obsidian": "studykit.sources.weread_obsidian",
    "weread-text": "studykit.sources.weread_text",
    "markdown": "studykit.sources.markdown_notes",
    "scraped-page": "studykit.sources.scraped_page",
    "anki-csv": "studykit.sources.anki_csv",
}

_OBSIDIAN_DOC_TYPE = re.compile(r"^doc_type:\s*weread-highlights-reviews\s*$", re.MULTILINE)
_OBSIDIAN_MARK = re.compile(
    r"📌.*\^[A-Za-z0-9-]+\s*$|⏱.*\^[A-Za-z0-9-]+\s*$"
    r"|\]\(<?weread://[^\n]*\)\s+\^[A-Za-z0-9-]+\s*$", re.MULTILINE)
_ANKI_HEADER = re.compile(r"\A#(?:separator|html|columns|notetype|deck|tags|guid)[a-z ]*:")
_NATIVE_MARK = re.compile(
    r"^(◆ |>> ?)|^-- 来自微信读书\s*$|◆ .*>>|\d{4}/\d{1,2}/\d{1,2} ?发表想法", re.MULTILINE
)


def detect_format(text: str, name: str = "") -> str:
    """``anki-csv`` (a .csv/.tsv name, or Anki's ``#separator:``-style header lines),
    ``weread-obsidian``, ``weread-text`` or ``markdown`` (the catch-all)."""
    if name.lower().endswith(TABLE_SUFFIXES) or _ANKI_HEADER.match(text):
        return "anki-csv"
    if _OBSIDIAN_DOC_TYPE.search(text) or _OBSIDIAN_MARK.search(text):
        return "weread-obsidian"
    if _NATIVE_MARK.search(text):
        return "weread-text"
    return "markdown"


def detect_reader(text: str, name: str = "") -> str:
    """The key in PARSERS of the reader for this text: its format, except that text in
    the catch-all ``markdown`` format without Markdown structure is a scraped page."""
    fmt = detect_format(text, name)
    if fmt == "markdown" and not looks_like_markdown(text):
        return "scraped-page"
    return fmt


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_MD_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_MD_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)
_MD_INLINE = re.compile(
    r"\*\*[^*\n]+\*\*|`[^`\n]+`|\[[^\[\]\n]+\]\([^()\s]+\)|^ {0,3}>[ \t]", re.MULTILINE
)
_FRONTMATTER_START = re.compile(r"\A---[ \t]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_PLAIN_BULLET_LINE = re.compile(r"^[^\S\n]*[•·●▪◦■□○▸►①-⑳❶-❿]", re.MULTILINE)
# the Obsidian Spaced Repetition plugin's "?" / "??" lines and its deck tag
_SR_QUESTION_LINE = re.compile(r"^\?\??$", re.MULTILINE)
_SR_DECK_TAG = re.compile(r"(?:^|\s)#flashcards\b", re.IGNORECASE)


def looks_like_markdown(text: str) -> bool:
    """Markdown structure outweighs the bullets of scraped plain text.

    Headings, fences, frontmatter and the SR plugin's deck tag are strong signals; list
    markers, inline markup and the SR plugin's card lines weak ones. Text with no signal either way is read as plain text, whose
    heuristics (numbered section lines, bare headings) suit unmarked notes better.
    """
    score = 3 * len(_MD_HEADING.findall(text)) + 3 * len(_MD_FENCE.findall(text))
    score += 5 * bool(_FRONTMATTER_START.match(text))
    score += len(_MD_LIST.findall(text)) + len(_MD_INLINE.findall(text))
    score += _sr_card_lines(text) + 5 * bool(_SR_DECK_TAG.search(text))
    return score > len(_PLAIN_BULLET_LINE.findall(text))


def _sr_card_lines(text: str) -> int:
    """Lines that are SR plugin cards (``Q::A``, not ``std::vector``) or ``?`` lines."""
    from studykit.sources.sr_cards import is_card_line

    lines = text.split("\n") if "::" in text else ()
    cards = sum(1 for line in lines if "::" in line and is_card_line(line))
    return cards + len(_SR_QUESTION_LINE.findall(text))
