import copy
import math

import torch

from studykit.grading.kit import Case, plain_words

COUNTS = {"the": 50, "a": 30, "cat": 10, "sat": 6, "mat": 4}


def _corpus():
    sentences = []
    words = ["the"] * 6 + ["a"] * 4 + ["cat", "sat", "on", "mat", "dog", "ran"]
    g = torch.Generator().manual_seed(3)
    for n in (7, 1, 9, 4, 12, 6, 3):
        picks = torch.randint(0, len(words), (n,), generator=g).tolist()
        sentences.append([words[i] for i in picks])
    sentences.insert(3, [])
    return sentences


def _probs(m, counts, t):
    return m.discard_probabilities(dict(counts), t)


def _property(m, t):
    probs = m.discard_probabilities(dict(COUNTS), t)
    total = sum(COUNTS.values())
    rare = [w for w, n in COUNTS.items() if n / total <= t]
    return {"rare": {w: probs[w] for w in rare},
            "order": [probs[w] for w in sorted(COUNTS, key=COUNTS.get, reverse=True)],
            "types": sorted({type(v).__name__ for v in probs.values()})}


@plain_words
def verify_property(got, expected):
    if got["types"] != ["float"]:
        raise AssertionError(f"the probabilities should be Python floats, got {got['types']}")
    for word, p in got["rare"].items():
        if p != 0.0:
            raise AssertionError(f"{word!r} is not more frequent than t, so it is never "
                                 f"discarded (P = 0), got {p:.4g}: clip with max(0, ...)")
    order = got["order"]
    if any(a < b for a, b in zip(order, order[1:], strict=False)):
        raise AssertionError("a more frequent word must be discarded at least as often as a "
                             "rarer one")
    for p, want in zip(order, expected["order"], strict=True):
        if not math.isclose(p, want, rel_tol=1e-5, abs_tol=1e-7):
            raise AssertionError(f"got P = {p:.6g}, expected {want:.6g}: f(w) is the count "
                                 "divided by the total number of tokens, P = max(0, 1 - "
                                 "sqrt(t / f))")


def _subsample(m, sentences, t, seed):
    return m.subsample(copy.deepcopy(sentences), t, torch.Generator().manual_seed(seed))


def _untouched(m):
    sentences = _corpus()
    m.subsample(sentences, 0.05, torch.Generator().manual_seed(0))
    return sentences == _corpus()


def verify_untouched(got, expected):
    if not got:
        raise AssertionError("subsample changed the sentences it was given: build new lists")


def cases(ctx):
    corpus = _corpus()
    return [
        Case("discard_probabilities, t = 0.05", lambda m: _probs(m, COUNTS, 0.05), rtol=1e-5),
        Case("rare words are never discarded; frequent ones more often",
             lambda m: _property(m, 0.05), verify="verify_property"),
        Case("discard_probabilities, t = 0.2 (only 'the' and 'a' lose occurrences)",
             lambda m: _probs(m, COUNTS, 0.2), rtol=1e-5),
        Case("discard_probabilities of a Counter, t = 1e-4",
             lambda m: _probs(m, {"x": 9999, "y": 1}, 1e-4), rtol=1e-5),
        Case("subsample: t = 0.05, seed 0 (an empty sentence stays)",
             lambda m: _subsample(m, corpus, 0.05, 0)),
        Case("subsample: t = 0.1, seed 1", lambda m: _subsample(m, corpus, 0.1, 1)),
        Case("subsample: a tiny t drops most tokens", lambda m: _subsample(m, corpus, 1e-3, 2)),
        Case("subsample: t = 1 keeps everything", lambda m: _subsample(m, corpus, 1.0, 3)),
        Case("the sentences are not changed", _untouched, verify="verify_untouched"),
    ]
