"""Whatever text arrives, parse_text either returns books whose highlights all have an
id and text, or raises SourceError (one readable line) — never anything else."""

from __future__ import annotations

from pathlib import Path

from conftest import HIGHLIGHTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studykit.errors import SourceError
from studykit.sources import parse_text
from studykit.sources.normalize import decode

SAMPLES = [p.read_text("utf-8") for p in sorted(HIGHLIGHTS.iterdir()) if p.is_file()]
MARKERS = ["📌 ", "> ⏱ 2024-01-01 10:00:00 ^1-2-3-4", "◆ ", ">> ", "发表想法", "原文：",
           "# ", "## ", "```", "---\n", "doc_type: weread-highlights-reviews\n", "- 💭 ",
           "[插图]", "《书》\n作者\n3个笔记\n", "-- 来自微信读书", "\n\n", " ^CB-x-1-2"]


def check(text: str) -> None:
    try:
        books = parse_text(text, "fuzz.md")
    except SourceError as exc:
        assert "\n" not in exc.message
        return
    for book in books:
        assert book.id and book.title.strip()
        ids = [h.id for h in book.highlights]
        assert len(ids) == len(set(ids))
        for h in book.highlights:
            assert h.id and h.text.strip()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text):
    check(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MARKERS), st.text(max_size=30)), max_size=40))
def test_marker_soup(parts):
    check("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLES), st.data())
def test_mutated_samples(sample, data):
    lines = sample.splitlines()
    for _ in range(data.draw(st.integers(0, 8))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "cut", "swap"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    check("\n".join(lines))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_decode_or_fail_cleanly(data):
    try:
        text = decode(data, "x.txt")
    except SourceError:
        return
    check(text)


def test_samples_are_clean():
    for sample in SAMPLES:
        check(sample)
    assert len(SAMPLES) == len(list(Path(HIGHLIGHTS).iterdir()))
