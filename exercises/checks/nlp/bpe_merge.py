import copy

from studykit.grading.kit import Case, plain_words

CORPUS = {"l o w _": 5, "l o w e r _": 2, "n e w e s t _": 6, "w i d e s t _": 3}
# the 10 merges learned from CORPUS, spelled out so that encode_word is checked on its own
MERGES = [("e", "s"), ("es", "t"), ("est", "_"), ("l", "o"), ("lo", "w"), ("n", "e"),
          ("ne", "w"), ("new", "est_"), ("low", "_"), ("w", "i")]


def _pairs(m, token_freqs):
    counts = m.pair_counts(copy.deepcopy(token_freqs))
    return [[list(pair), int(n)] for pair, n in counts.items()]


def _best(m, token_freqs):
    pair = m.most_frequent_pair(copy.deepcopy(token_freqs))
    return None if pair is None else list(pair)


def _merge(m, pair, token_freqs):
    return m.merge_pair(pair, copy.deepcopy(token_freqs))


def _learn(m, token_freqs, n):
    merges, final = m.learn_bpe(copy.deepcopy(token_freqs), n)
    return {"merges": [list(p) for p in merges], "final": final}


def _untouched(m):
    corpus = copy.deepcopy(CORPUS)
    m.pair_counts(corpus)
    m.merge_pair(("e", "s"), corpus)
    m.learn_bpe(corpus, 5)
    return corpus == CORPUS


def verify_untouched(got, expected):
    if not got:
        raise AssertionError("your functions changed the token_freqs dict they were given: "
                             "build a new dict")


def _substring(m):
    return m.merge_pair(("a", "b"), {"xa b _": 1, "a b a b _": 2, "b a b _": 4})


@plain_words
def verify_substring(got, expected):
    if "xab _" in got:
        raise AssertionError("merging ('a', 'b') turned 'xa b' into 'xab': only whole symbols "
                             "may merge (str.replace matches inside symbols); split the word "
                             "into its symbols and compare pairs of them")
    if got != expected:
        raise AssertionError(f"expected {expected}, got {got}")


def cases(ctx):
    ties = {"b a _": 1, "a b _": 1}
    return [
        Case("pair_counts of the 4-word corpus, weighted by frequency",
             lambda m: _pairs(m, CORPUS)),
        Case("most_frequent_pair", lambda m: _best(m, CORPUS)),
        Case("most_frequent_pair: ties go to the pair seen first",
             lambda m: [_best(m, ties), _best(m, {"c d _": 2, "a b _": 2})]),
        Case("most_frequent_pair: None when no word has two symbols",
             lambda m: _best(m, {"low_": 3, "er_": 1})),
        Case("merge_pair ('e', 's')", lambda m: _merge(m, ("e", "s"), CORPUS)),
        Case("merge_pair: 'a a a' on ('a', 'a') gives 'aa a'",
             lambda m: m.merge_pair(("a", "a"), {"a a a _": 2, "a a a a _": 1})),
        Case("merge_pair: only whole symbols merge", _substring, verify="verify_substring"),
        Case("learn_bpe: 10 merges", lambda m: _learn(m, CORPUS, 10)),
        Case("learn_bpe stops when no pair is left", lambda m: _learn(m, {"a b _": 3}, 5)),
        Case("encode_word: unseen words with the learned merges",
             lambda m: [m.encode_word(w, MERGES) for w in ("lowest", "newer", "wide", "x")]),
        Case("token_freqs is never changed", _untouched, verify="verify_untouched"),
    ]
