"""The card generator's word lists: a deep-learning term dictionary, stopwords and words
too generic to hide.

``terms.txt`` is in jieba's user-dictionary format (``word tag``, no frequency, so jieba
suggests one that keeps the word whole); the same list is matched directly, without jieba,
by one trie-shaped regular expression (longest term first at each position).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
TERMS_FILE = HERE / "terms.txt"
STOPWORDS_FILE = HERE / "stopwords.txt"
GENERIC_FILE = HERE / "generic.txt"
BASIC_FILE = HERE / "basic.txt"
TRANSLATIONS_FILE = HERE / "translations.txt"
_TERM_GROUPS = 4


@cache
def terms() -> tuple[str, ...]:
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.split()[0] for line in lines if line.strip())


@cache
def term_set() -> frozenset[str]:
    return frozenset(terms())


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip())


@cache
def generic_words() -> frozenset[str]:
    """Words too general to be worth a blank (深度学习, 模型, 张量...): every deep-learning
    sentence has them, so hiding one asks nothing."""
    lines = GENERIC_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip())


@cache
def basic_terms() -> frozenset[str]:
    """The field's everyday vocabulary (卷积层, 损失函数, 梯度下降...): real terms, but nearly
    any sentence about networks holds one, so a blank on one is mostly guessed from its
    neighbours. Such a blank is made only when a highlight offers nothing better."""
    lines = BASIC_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip())


@cache
def translations() -> dict[str, tuple[str, ...]]:
    """Chinese term -> English words that say the same (``translations.txt``)."""
    found = {}
    for line in TRANSLATIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, *english = line.split()
            found[term] = tuple(english)
    return found


def is_stopword(word: str) -> bool:
    return word.casefold() in stopwords()


@cache
def stopword_pattern() -> re.Pattern[str]:
    """Any Chinese stopword, longest first."""
    trie: dict = {}
    for word in stopwords():
        if not word.isascii():
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return re.compile(_trie_regex(trie))


@cache
def term_pattern() -> re.Pattern[str]:
    """One regex matching any dictionary term, preferring the longest at each position."""
    trie: dict = {}
    for term in terms():
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    # a look-ahead on the first two characters lets the regex engine skip most positions fast;
    # the branches for the first character are split into a few groups, each behind a
    # look-ahead, so that a position tries a few groups rather than every first character
    firsts = sorted(trie)
    seconds = "".join(sorted({term[1] for term in terms() if len(term) > 1}))
    size = -(-len(firsts) // _TERM_GROUPS)
    groups = [firsts[i:i + size] for i in range(0, len(firsts), size)]
    branches = "|".join(
        f"(?=[{re.escape(''.join(group))}])(?:"
        + "|".join(re.escape(char) + _trie_regex(trie[char]) for char in group) + ")"
        for group in groups)
    return re.compile(f"(?=[{re.escape(''.join(firsts))}][{re.escape(seconds)}])(?:{branches})")


def _trie_regex(node: dict) -> str:
    branches = [re.escape(char) + _trie_regex(child)
                for char, child in sorted(node.items()) if char]
    optional = "" in node
    if not branches:
        return ""
    # longer continuations first; the empty branch (term ends here) last
    body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body
