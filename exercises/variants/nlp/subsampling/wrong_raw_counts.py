"""Uses the raw count as f(w) instead of the relative frequency."""

import math
from collections import Counter

import torch


def discard_probabilities(counts: dict[str, int], t: float) -> dict[str, float]:
    return {token: max(0.0, 1.0 - math.sqrt(t / count))
            for token, count in counts.items()}


def subsample(sentences: list[list[str]], t: float,
              generator: torch.Generator) -> list[list[str]]:
    discard = discard_probabilities(Counter(tok for line in sentences for tok in line), t)
    total = sum(len(line) for line in sentences)
    draws = iter(torch.rand(total, generator=generator).tolist())
    return [[tok for tok in line if next(draws) < 1.0 - discard[tok]] for line in sentences]
