"""Computes the frequencies within each sentence instead of over the corpus."""

import math
from collections import Counter

import torch


def discard_probabilities(counts: dict[str, int], t: float) -> dict[str, float]:
    total = sum(counts.values())
    return {token: max(0.0, 1.0 - math.sqrt(t / (count / total)))
            for token, count in counts.items()}


def subsample(sentences: list[list[str]], t: float,
              generator: torch.Generator) -> list[list[str]]:
    total = sum(len(line) for line in sentences)
    draws = iter(torch.rand(total, generator=generator).tolist())
    out = []
    for line in sentences:
        discard = discard_probabilities(Counter(line), t)
        out.append([tok for tok in line if next(draws) < 1.0 - discard[tok]])
    return out
