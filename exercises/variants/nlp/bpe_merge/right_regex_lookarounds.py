"""Correct: merges with a regex that only matches whole symbols (Sennrich et al.'s approach)."""

import re
from collections import Counter


def pair_counts(token_freqs):
    counts = Counter()
    for word, freq in token_freqs.items():
        symbols = word.split()
        for i in range(len(symbols) - 1):
            counts[symbols[i], symbols[i + 1]] += freq
    return dict(counts)


def most_frequent_pair(token_freqs):
    counts = pair_counts(token_freqs)
    best, best_count = None, 0
    for pair, n in counts.items():
        if n > best_count:
            best, best_count = pair, n
    return best


def merge_pair(pair, token_freqs):
    pattern = re.compile(r"(?<!\S)" + re.escape(" ".join(pair)) + r"(?!\S)")
    return {pattern.sub("".join(pair), word): freq for word, freq in token_freqs.items()}


def learn_bpe(token_freqs, num_merges):
    merges = []
    while len(merges) < num_merges:
        pair = most_frequent_pair(token_freqs)
        if not pair:
            break
        token_freqs = merge_pair(pair, token_freqs)
        merges.append(pair)
    return merges, token_freqs


def encode_word(word, merges):
    text = " ".join([*word, "_"])
    for pair in merges:
        text = next(iter(merge_pair(pair, {text: 1})))
    return text.split(" ")
