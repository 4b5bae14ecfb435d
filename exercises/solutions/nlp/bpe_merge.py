"""Reference solution: nlp/bpe_merge."""


def pair_counts(token_freqs: dict[str, int]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for word, freq in token_freqs.items():
        symbols = word.split(" ")
        for pair in zip(symbols, symbols[1:], strict=False):
            counts[pair] = counts.get(pair, 0) + freq
    return counts


def most_frequent_pair(token_freqs: dict[str, int]) -> tuple[str, str] | None:
    counts = pair_counts(token_freqs)
    return max(counts, key=counts.get) if counts else None  # max keeps the first of ties


def _merge_symbols(symbols: list[str], pair: tuple[str, str]) -> list[str]:
    merged, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            merged.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            merged.append(symbols[i])
            i += 1
    return merged


def merge_pair(pair: tuple[str, str], token_freqs: dict[str, int]) -> dict[str, int]:
    return {" ".join(_merge_symbols(word.split(" "), pair)): freq
            for word, freq in token_freqs.items()}


def learn_bpe(token_freqs: dict[str, int],
              num_merges: int) -> tuple[list[tuple[str, str]], dict[str, int]]:
    merges = []
    for _ in range(num_merges):
        pair = most_frequent_pair(token_freqs)
        if pair is None:
            break
        merges.append(pair)
        token_freqs = merge_pair(pair, token_freqs)
    return merges, token_freqs


def encode_word(word: str, merges: list[tuple[str, str]]) -> list[str]:
    symbols = [*word, "_"]
    for pair in merges:
        symbols = _merge_symbols(symbols, pair)
    return symbols
