"""Correct: counts with a plain dict (insertion ordered) and sorts with a stable key."""


def tokenize(lines, token="word"):
    if token not in ("word", "char"):
        raise ValueError("token must be 'word' or 'char'")
    return [line.split() if token == "word" else [c for c in line] for line in lines]


class Vocab:
    def __init__(self, tokens=None, min_freq=0, reserved_tokens=None):
        counts = {}
        for item in tokens or []:
            for tok in item if isinstance(item, list) else [item]:
                counts[tok] = counts.get(tok, 0) + 1
        order = {tok: i for i, tok in enumerate(counts)}
        self.token_freqs = sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))
        self.idx_to_token, self.token_to_idx = [], {}
        wanted = ["<unk>", *(reserved_tokens or [])]
        wanted += [tok for tok, n in self.token_freqs if n >= min_freq]
        for tok in wanted:
            if tok not in self.token_to_idx:
                self.token_to_idx[tok] = len(self.idx_to_token)
                self.idx_to_token.append(tok)

    @property
    def unk(self):
        return 0

    def __len__(self):
        return len(self.token_to_idx)

    def __getitem__(self, tokens):
        if isinstance(tokens, str):
            return self.token_to_idx.get(tokens, 0)
        return [self.__getitem__(t) for t in tokens]

    def to_tokens(self, indices):
        if isinstance(indices, int):
            return self.idx_to_token[indices]
        return [self.idx_to_token[int(i)] for i in indices]
