"""Chinese keywords by jieba + TF-IDF: the last resort for a cloze span (tier 5).

jieba is imported and initialised once, lazily, the first time a highlight needs it (about a
second: its 500k-word dictionary); most highlights never get here, because an API name, an
English term, a defined term, a number or a dictionary term was found more cheaply.

IDF: jieba's own dictionary already holds a frequency for every word, counted over the large
corpus it was trained on, so ``log(total / freq)`` is an inverse-frequency weight that costs
nothing more to load (``jieba.analyse``'s IDF table would add another 0.3-0.5 s and memory) and
is stable, unlike an IDF computed from the few sample notes in the repository. Words of our
deep-learning dictionary (``terms.txt``) get a bonus; only Chinese words of two or more
characters that are not stopwords are keywords (English terms, API names and numbers were
already looked for by the cheaper rules).
"""

from __future__ import annotations

import math
import re
import warnings
from typing import Any

from studykit.cards.lexicon import TERMS_FILE, is_stopword, stopword_pattern, term_set

DOMAIN_BONUS = 2.0
_tokenizer: Any = None
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


def tokenizer() -> Any:
    """The shared jieba tokenizer with our dictionary, created on first use."""
    global _tokenizer
    if _tokenizer is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # jieba still uses pkg_resources / old escapes
            import jieba
        jieba.setLogLevel(60)
        tok = jieba.Tokenizer()
        tok.initialize()
        with TERMS_FILE.open("rb") as terms_file:  # jieba leaves a path's file open
            tok.load_userdict(terms_file)
        _tokenizer = tok
    return _tokenizer


def keywords(text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` keywords of ``text``, best first (ties: earliest first)."""
    tok = tokenizer()
    freq, total = tok.FREQ, tok.total
    domain = term_set()
    counts: dict[str, int] = {}
    for run in _CHINESE_RUN.findall(text):  # jieba would also cut ASCII letter by letter
        if not stopword_pattern().sub("", run):
            continue  # nothing but stopwords (本节代码文件在源代码文件的): no keyword to find
        for word in tok.lcut(run, HMM=False):
            if len(word) >= 2 and not is_stopword(word):
                counts[word] = counts.get(word, 0) + 1
    scored = []
    for order, (word, tf) in enumerate(counts.items()):
        idf = math.log(total / max(freq.get(word) or 1, 1))
        scored.append((-(tf * idf * (DOMAIN_BONUS if word in domain else 1.0)), order, word))
    return [word for _, _, word in sorted(scored)[:limit]]

