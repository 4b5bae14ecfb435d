"""Reference solution: nlp/skipgram_pairs."""

import torch


def _context(sentence: list[int], i: int, window: int) -> list[int]:
    lo, hi = max(0, i - window), min(len(sentence), i + window + 1)
    return [sentence[j] for j in range(lo, hi) if j != i]


def skipgram_pairs(sentences: list[list[int]], window: int) -> list[tuple[int, int]]:
    return [(sentence[i], context)
            for sentence in sentences
            for i in range(len(sentence))
            for context in _context(sentence, i, window)]


def centers_and_contexts(sentences: list[list[int]], max_window: int,
                         generator: torch.Generator) -> tuple[list[int], list[list[int]]]:
    centers, contexts = [], []
    for sentence in sentences:
        if len(sentence) < 2:
            continue
        for i in range(len(sentence)):
            window = torch.randint(1, max_window + 1, (1,), generator=generator).item()
            centers.append(sentence[i])
            contexts.append(_context(sentence, i, window))
    return centers, contexts


def cbow_examples(sentences: list[list[int]], window: int) -> list[tuple[list[int], int]]:
    return [(sentence[i - window:i] + sentence[i + 1:i + window + 1], sentence[i])
            for sentence in sentences
            for i in range(window, len(sentence) - window)]
