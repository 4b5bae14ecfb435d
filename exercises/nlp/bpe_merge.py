"""Byte pair encoding: learn merges and segment words (字节对编码).

Subword tokenization (子词) keeps the vocabulary small and still spells rare words.
Byte pair encoding (字节对编码, BPE) starts from single characters and repeatedly merges
the most frequent pair of adjacent symbols into a new symbol.

A corpus is given as token_freqs: a dict from a word, written as its symbols separated by
single spaces and ending with the end-of-word symbol '_', to its frequency, e.g.
    {"l o w _": 5, "l o w e r _": 2, "n e w e s t _": 6, "w i d e s t _": 3}
Symbols are the space-separated pieces; after merging ("e", "s") the third word reads
"n e w es t _".

Task (never change the dict you are given):
    pair_counts(token_freqs) -> dict (a, b) -> count
        every pair of adjacent symbols, counted once per occurrence and weighted by the
        word's frequency; pairs in the order they are first seen (words in dict order,
        symbols left to right).
    most_frequent_pair(token_freqs) -> (a, b), the pair with the highest count; ties go
        to the pair seen first. None when no word has two symbols.
    merge_pair(pair, token_freqs) -> a new dict, same order and frequencies, in which
        every occurrence of the adjacent symbols a, b (scanning left to right, so
        "a a a" merged on ("a", "a") gives "aa a") is one symbol a+b. Only whole
        symbols match: merging ("a", "b") leaves "xa b" alone.
    learn_bpe(token_freqs, num_merges) -> (merges, final_token_freqs)
        up to num_merges times: find the most frequent pair, record it, merge it; stop
        early when no pair is left. merges: the list of pairs in the order learned.
    encode_word(word, merges) -> list of str
        the symbols of a (possibly unseen) word: start from its characters followed by
        '_', then apply every learned merge in order, each over the whole word.
"""


def pair_counts(token_freqs: dict[str, int]) -> dict[tuple[str, str], int]:
    # TODO: adjacent symbol pairs, weighted by the word frequency
    raise NotImplementedError


def most_frequent_pair(token_freqs: dict[str, int]) -> tuple[str, str] | None:
    # TODO: the largest count; the first seen among equal counts
    raise NotImplementedError


def merge_pair(pair: tuple[str, str], token_freqs: dict[str, int]) -> dict[str, int]:
    # TODO: rebuild every word, merging whole adjacent symbols left to right
    raise NotImplementedError


def learn_bpe(token_freqs: dict[str, int],
              num_merges: int) -> tuple[list[tuple[str, str]], dict[str, int]]:
    # TODO: repeat most_frequent_pair + merge_pair
    raise NotImplementedError


def encode_word(word: str, merges: list[tuple[str, str]]) -> list[str]:
    # TODO: characters + '_', then the merges in the order learned
    raise NotImplementedError
