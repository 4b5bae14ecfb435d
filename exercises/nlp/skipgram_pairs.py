"""Training examples for skip-gram and CBOW (跳元模型, 连续词袋模型).

word2vec learns word vectors from which words appear near each other. Within a context
window (上下文窗口) of size w, every word of a sentence is in turn the center word (中心词)
and the words at most w positions before or after it (in the SAME sentence) are its
context words (上下文词).
    skip-gram (跳元模型): predict each context word from the center word, so every
        (center, context) pair is one training example;
    CBOW (连续词袋): predict the center word from all of its context words together.

Task (sentences are lists of token indices, ints; a sentence may be short or empty):
    skipgram_pairs(sentences, window) -> list of (center, context) tuples of ints
        for every sentence, every center position i in order, every context position j
        with |i - j| <= window, j != i, inside the sentence, in increasing j. Pairs never
        cross from one sentence into another.
    centers_and_contexts(sentences, max_window, generator) -> (centers, contexts)
        d2l's version with a random window per center: sentences with fewer than 2
        tokens are skipped; for every other center position i, in order, draw
        w = torch.randint(1, max_window + 1, (1,), generator=generator).item() and take
        the tokens at the positions j with |i - j| <= w, j != i, in increasing j.
        centers: list of ints; contexts: list of lists of ints (one list per center).
    cbow_examples(sentences, window) -> list of (contexts, center) tuples
        only centers with a full window on both sides (window <= i < len - window);
        contexts: the window tokens before the center then after it (2 * window ints).

Return lists (not generators) of Python ints; do not change the sentences.
"""

import torch


def skipgram_pairs(sentences: list[list[int]], window: int) -> list[tuple[int, int]]:
    # TODO: one pair per (center, context) position inside each sentence
    raise NotImplementedError


def centers_and_contexts(sentences: list[list[int]], max_window: int,
                         generator: torch.Generator) -> tuple[list[int], list[list[int]]]:
    # TODO: skip short sentences; draw one window size per center, in order
    raise NotImplementedError


def cbow_examples(sentences: list[list[int]], window: int) -> list[tuple[list[int], int]]:
    # TODO: centers with a full window; the left then right context tokens
    raise NotImplementedError
