import copy

import torch

from studykit.grading.kit import Case, plain_words

CORPUS = [[0, 1, 2, 3, 4, 5, 6], [7, 8, 9], [10], [], [11, 12]]


def _kind(value):
    return type(value).__name__


def _pairs(m, sentences, window):
    return m.skipgram_pairs(copy.deepcopy(sentences), window)


def _randomised(m, sentences, max_window, seed):
    g = torch.Generator().manual_seed(seed)
    return m.centers_and_contexts(copy.deepcopy(sentences), max_window, g)


def _untouched(m):
    sentences = copy.deepcopy(CORPUS)
    m.skipgram_pairs(sentences, 2)
    m.centers_and_contexts(sentences, 2, torch.Generator().manual_seed(0))
    m.cbow_examples(sentences, 1)
    return sentences == CORPUS


def verify_untouched(got, expected):
    if not got:
        raise AssertionError("your functions changed the sentences they were given")


def _form(m):
    pairs = m.skipgram_pairs(CORPUS, 1)
    centers, contexts = m.centers_and_contexts(CORPUS, 2, torch.Generator().manual_seed(0))
    examples = m.cbow_examples(CORPUS, 1)
    return {"pairs": _kind(pairs), "pair": _kind(next(iter(pairs), None)),
            "centers": _kind(centers), "contexts": _kind(contexts),
            "center item": _kind(centers[0]), "examples": _kind(examples)}


@plain_words
def verify_form(got, expected):
    for key, want in expected.items():
        if got[key] != want:
            raise AssertionError(f"{key}: expected a {want}, got a {got[key]} (return lists "
                                 "of Python ints, not generators or tensors)")


def cases(ctx):
    return [
        Case("skipgram_pairs: window 1", lambda m: _pairs(m, CORPUS, 1)),
        Case("skipgram_pairs: window 2, pairs stay inside their sentence",
             lambda m: _pairs(m, CORPUS, 2)),
        Case("skipgram_pairs: a window wider than the sentences",
             lambda m: _pairs(m, [[3, 1, 4], [1, 5]], 5)),
        Case("centers_and_contexts: max_window 2, seed 0", lambda m: _randomised(m, CORPUS, 2, 0)),
        Case("centers_and_contexts: max_window 3, seed 7 (short sentences draw nothing)",
             lambda m: _randomised(m, [[5], [0, 1, 2, 3, 4, 5, 6, 7, 8], [9, 9], [4]], 3, 7)),
        Case("cbow_examples: window 1", lambda m: m.cbow_examples(copy.deepcopy(CORPUS), 1)),
        Case("cbow_examples: window 2", lambda m: m.cbow_examples(copy.deepcopy(CORPUS), 2)),
        Case("lists and tuples of Python ints, not generators", _form, verify="verify_form"),
        Case("the sentences are not changed", _untouched, verify="verify_untouched"),
    ]
