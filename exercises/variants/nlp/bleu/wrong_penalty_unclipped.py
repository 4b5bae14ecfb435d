"""Leaves out min(0, ...), so a long prediction scores above 1."""

import math
from collections import Counter


def ngram_counts(tokens: list[str], n: int) -> dict[tuple[str, ...], int]:
    return dict(Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)))


def clipped_matches(pred_tokens: list[str], label_tokens: list[str], n: int) -> int:
    pred, label = Counter(ngram_counts(pred_tokens, n)), Counter(ngram_counts(label_tokens, n))
    return sum((pred & label).values())


def bleu(pred_seq: str, label_seq: str, k: int) -> float:
    pred, label = pred_seq.split(" "), label_seq.split(" ")
    score = math.exp(1.0 - len(label) / len(pred))
    for n in range(1, min(k, len(pred)) + 1):
        precision = clipped_matches(pred, label, n) / (len(pred) - n + 1)
        score *= precision ** (0.5 ** n)
    return score
