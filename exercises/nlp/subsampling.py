"""Subsampling frequent words (下采样).

Very frequent words ("the", "a", "的") appear next to almost everything, so pairs with
them teach a word-embedding model little. word2vec therefore discards (丢弃) each
occurrence of word w with the probability

    P(w) = max(0, 1 - sqrt(t / f(w)))

where f(w) = count(w) / (total number of tokens) is the word's relative frequency and t is
a threshold (1e-4 in word2vec; larger in these small examples). Words with f(w) <= t are
never discarded; the more frequent a word, the more of its occurrences go. Equivalently,
an occurrence is KEPT with probability 1 - P(w) = min(1, sqrt(t / f(w))).

Task:
    discard_probabilities(counts, t) -> dict token -> Python float P(token)
        counts: a dict (or Counter) token -> count over the whole corpus.
    subsample(sentences, t, generator) -> list of lists of tokens
        sentences: lists of tokens (str). Count every token of the corpus, compute P,
        then draw u = torch.rand(N, generator=generator) ONCE, N = the total number of
        tokens; the k-th token in reading order (sentence by sentence, left to right) is
        kept when u[k] < 1 - P(token). Keep every sentence, even if it ends up empty; keep
        the kept tokens in order. Do not change the given lists.
"""

import math  # noqa: F401
from collections import Counter  # noqa: F401

import torch


def discard_probabilities(counts: dict[str, int], t: float) -> dict[str, float]:
    # TODO: relative frequency f = count / total, then max(0, 1 - sqrt(t / f))
    raise NotImplementedError


def subsample(sentences: list[list[str]], t: float,
              generator: torch.Generator) -> list[list[str]]:
    # TODO: count, one draw per token in reading order, keep when u < 1 - P
    raise NotImplementedError
