"""Chinese keywords by jieba + TF-IDF: the last resort for a cloze span (tier 5).

jieba is imported and initialised once, lazily, the first time a highlight needs it (about a
second: its 500k-word dictionary); most highlights never get here, because an API name, an
English term, a defined term, a number or a dictionary term was found more cheaply. Words are
cut as ``lcut(..., HMM=False)`` cuts them, by ``cut`` below: the same route through jieba's
dictionary, computed in one loop (jieba's own cut costs about four times as much).

IDF: jieba's own dictionary already holds a frequency for every word, counted over the large
corpus it was trained on, so ``log(total / freq)`` is an inverse-frequency weight that costs
nothing more to load (``jieba.analyse``'s IDF table would add another 0.3-0.5 s and memory) and
is stable, unlike an IDF computed from the few sample notes in the repository. Words of our
deep-learning dictionary (``terms.txt``) get a bonus; only Chinese nouns of two or more
characters that are not stopwords are keywords (English terms, API names and numbers were
already looked for by the cheaper rules): jieba's dictionary tags every word, and a verb or
an adjective (复杂, 读取) asks nothing worth recalling.
"""

from __future__ import annotations

import math
import re
import warnings
from functools import cache
from typing import Any

from studykit.cards.lexicon import TERMS_FILE, stopword_pattern, stopwords, term_set

DOMAIN_BONUS = 2.0
_tokenizer: Any = None
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
# what jieba cuts by its dictionary (other characters of a run are single-character words,
# too short to be keywords)
_JIEBA_BLOCK = re.compile(r"[\u4e00-\u9fd5]{2,}")
# a dictionary line "word freq tag" whose tag is no noun's (n*, eng)
_NOT_A_NOUN = re.compile(r"^([^\s\x00-\x7f]{2,}) \d+ (?!n|eng)[a-z]+\r?$", re.MULTILINE)


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


@cache
def non_nouns() -> frozenset[str]:
    """Chinese words jieba's dictionary tags as anything but a noun (复杂 a, 读取 v, 中间 f,
    调整 vn): a verb or an adjective is no fact to recall. Read once (~0.1 s), with jieba."""
    with tokenizer().get_dict_file() as dict_file:
        data = dict_file.read().decode("utf-8")
    return frozenset(_NOT_A_NOUN.findall(data))


def keywords(text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` keywords of ``text``, best first (ties: earliest first): nouns only."""
    tok = tokenizer()
    not_nouns = non_nouns()
    freq, total = tok.FREQ, tok.total
    logtotal = math.log(total)
    stop, drop_stopwords = stopwords(), stopword_pattern().sub
    counts: dict[str, int] = {}
    for run in _CHINESE_RUN.findall(text):  # jieba would also cut ASCII letter by letter
        if not drop_stopwords("", run):
            continue  # nothing but stopwords (本节代码文件在源代码文件的): no keyword to find
        for block in _JIEBA_BLOCK.findall(run):
            for word in cut(block, freq, logtotal):
                if len(word) >= 2 and word.casefold() not in stop and word not in not_nouns:
                    counts[word] = counts.get(word, 0) + 1
    domain = term_set()
    scored = []
    for order, (word, tf) in enumerate(counts.items()):
        idf = math.log(total / max(freq.get(word) or 1, 1))
        scored.append((-(tf * idf * (DOMAIN_BONUS if word in domain else 1.0)), order, word))
    return [word for _, _, word in sorted(scored)[:limit]]


def cut(block: str, freq: dict[str, int], logtotal: float) -> list[str]:
    """``tokenizer().lcut(block, HMM=False)`` for a block of jieba's Han characters: the most
    probable route through the dictionary's words, as jieba's ``get_DAG`` and ``calc`` find it
    (the same sums in the same order, ties to the longer word), in one loop without jieba's
    per-character generators and dictionaries."""
    n = len(block)
    score = [0.0] * (n + 1)  # of the best route from each position to the end
    step = [0] * n  # where the best route's first word from each position ends
    log = math.log
    for k in range(n - 1, -1, -1):
        best, best_end = None, k + 1
        end = k + 1
        f = freq.get(block[k])
        while f is not None:  # every prefix of a word is in FREQ (with 0 if not a word)
            if f:
                s = log(f) - logtotal + score[end]
                if best is None or s >= best:
                    best, best_end = s, end
            if end == n:
                break
            end += 1
            f = freq.get(block[k:end])
        if best is None:  # not even the character is a word
            best = log(freq.get(block[k]) or 1) - logtotal + score[k + 1]
        score[k], step[k] = best, best_end
    words, k = [], 0
    while k < n:
        words.append(block[k:step[k]])
        k = step[k]
    return words
