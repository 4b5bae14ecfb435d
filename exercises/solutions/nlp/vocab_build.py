"""Reference solution: nlp/vocab_build."""

from collections import Counter


def tokenize(lines: list[str], token: str = "word") -> list[list[str]]:
    if token == "word":
        return [line.split() for line in lines]
    if token == "char":
        return [list(line) for line in lines]
    raise ValueError(f"unknown token type {token!r}: use 'word' or 'char'")


def _flatten(tokens) -> list[str]:
    if tokens and isinstance(tokens[0], list):
        return [tok for line in tokens for tok in line]
    return tokens or []


class Vocab:
    def __init__(self, tokens=None, min_freq: int = 0, reserved_tokens=None) -> None:
        counter = Counter(_flatten(tokens))
        self.token_freqs = sorted(counter.items(), key=lambda item: item[1], reverse=True)
        self.idx_to_token = ["<unk>"]
        for tok in (reserved_tokens or []) + [t for t, n in self.token_freqs
                                              if n >= min_freq]:
            if tok not in self.idx_to_token:
                self.idx_to_token.append(tok)
        self.token_to_idx = {tok: i for i, tok in enumerate(self.idx_to_token)}

    @property
    def unk(self) -> int:
        return 0

    def __len__(self) -> int:
        return len(self.idx_to_token)

    def __getitem__(self, tokens):
        if isinstance(tokens, (list, tuple)):
            return [self[tok] for tok in tokens]
        return self.token_to_idx.get(tokens, self.unk)

    def to_tokens(self, indices):
        if isinstance(indices, (list, tuple)):
            return [self.idx_to_token[i] for i in indices]
        return self.idx_to_token[indices]
