"""Chinese keywords by a compiled segmenter: the last resort for a cloze span (tier 5).

``rjieba`` (jieba-rs, jieba's dictionary and algorithm in Rust) is imported once, lazily, the
first time a highlight needs it (about 0.1 s; the Python jieba took 0.6-0.9 s with the part
of speech table); most highlights never get here, because an API name, an English term, a
defined term, a number or a dictionary term was found more cheaply. Words are cut as jieba
cuts them without its HMM, and tagged with jieba's parts of speech: only nouns are keywords
(复杂 a, 读取 v, 中间 f, 调整 vn ask nothing worth recalling).

IDF: the dictionary holds a frequency for every word, counted over the large corpus it was
trained on (``suggest_freq`` of a dictionary word is that count plus one), so
``log(total / freq)`` is an inverse-frequency weight that costs nothing more to load and is
stable, unlike an IDF computed from the few sample notes in the repository. Words of our
deep-learning dictionary (``terms.txt``) get a bonus; only Chinese nouns of two or more
characters that are not stopwords are keywords (English terms, API names and numbers were
already looked for by the cheaper rules).
"""

from __future__ import annotations

import math
import re
from typing import Any

from studykit.cards.lexicon import stopword_pattern, stopwords, term_set, terms

DOMAIN_BONUS = 2.0
DICTIONARY_TOTAL = 60_101_967  # the sum of jieba's dictionary frequencies
_segmenter: Any = None
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


def segmenter() -> Any:
    """The shared segmenter with our dictionary added, created on first use."""
    global _segmenter
    if _segmenter is None:
        import rjieba

        for term in terms():
            rjieba.add_word(term, None, "n")
        _segmenter = rjieba
    return _segmenter


def keywords(text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` keywords of ``text``, best first (ties: earliest first): nouns only."""
    seg = segmenter()
    stop, drop_stopwords = stopwords(), stopword_pattern().sub
    counts: dict[str, int] = {}
    for run in _CHINESE_RUN.findall(text):  # the segmenter would also cut ASCII
        if not drop_stopwords("", run):
            continue  # nothing but stopwords (本节代码文件在源代码文件的): no keyword to find
        for word, tag in seg.tag(run, False):
            if len(word) >= 2 and tag[0] == "n" and word.casefold() not in stop:
                counts[word] = counts.get(word, 0) + 1
    domain = term_set()
    scored = []
    for order, (word, tf) in enumerate(counts.items()):
        idf = math.log(DICTIONARY_TOTAL / max(seg.suggest_freq(word), 1))
        scored.append((-(tf * idf * (DOMAIN_BONUS if word in domain else 1.0)), order, word))
    return [word for _, _, word in sorted(scored)[:limit]]
