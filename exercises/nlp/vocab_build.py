"""Tokenize text and build a vocabulary (词元化, 词表).

Models read numbers, not strings: text is split into tokens (词元, words or characters),
and a vocabulary (词表) maps every token to an index and back. Tokens that are too rare
(fewer than min_freq occurrences) are left out and read as the unknown token '<unk>'
(未知词元), which always has index 0. Reserved tokens (保留词元) such as '<pad>', '<bos>',
'<eos>' come right after it, in the order given; then the corpus tokens from the most to
the least frequent (ties: the token that appears first in the corpus comes first).

Task:
    tokenize(lines, token="word") -> list of lists of str
        "word": line.split() (split on any whitespace); "char": list(line) (every
        character, spaces included). Any other token type: raise ValueError.
    class Vocab
        __init__(tokens=None, min_freq=0, reserved_tokens=None)
            tokens: a list of str, or a list of lists of str (count every token of every
            line), or None (no corpus). Do not change the lists you are given.
        idx_to_token   list of str: '<unk>', the reserved tokens, then the corpus tokens
                       with count >= min_freq, by count (high first), ties by first
                       appearance; a token never appears twice (a corpus token that is
                       also reserved, or is '<unk>' itself, keeps its earlier place)
        token_to_idx   dict str -> int, the inverse of idx_to_token
        token_freqs    list of (token, count) tuples for EVERY distinct corpus token
                       (min_freq does not filter this list), in the same order
        unk            0, the index of '<unk>'
        __len__()      the number of tokens in idx_to_token
        __getitem__(tokens)  a str -> its int index ('<unk>''s 0 if unknown); a list or
                       tuple -> a list of the same lookups (nested lists stay nested)
        to_tokens(indices)   an int -> its str; a list -> a list of str
"""

from collections import Counter  # noqa: F401


def tokenize(lines: list[str], token: str = "word") -> list[list[str]]:
    # TODO: split each line into words or characters; reject other token types
    raise NotImplementedError


class Vocab:
    def __init__(self, tokens=None, min_freq: int = 0, reserved_tokens=None) -> None:
        # TODO: count the tokens (flatten lists of lines), sort by count, ties by order
        # TODO: '<unk>', then the reserved tokens, then the frequent-enough tokens
        raise NotImplementedError

    @property
    def unk(self) -> int:
        return 0

    def __len__(self) -> int:
        # TODO
        raise NotImplementedError

    def __getitem__(self, tokens):
        # TODO: a str -> index (unknown -> unk); a list/tuple -> list of lookups
        raise NotImplementedError

    def to_tokens(self, indices):
        # TODO: an int -> token; a list -> list of tokens
        raise NotImplementedError
