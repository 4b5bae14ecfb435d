from studykit.grading.kit import Case, plain_words

PAIRS = [("the cat sat on the mat", "the cat sat on the mat", 4),
         ("the cat sat on a mat", "the cat sat on the mat", 4),
         ("the cat", "the cat sat on the mat", 2),
         ("the the the the", "the cat", 2),
         ("a b c d e f g", "a b c d", 4),
         ("il est calme .", "il est calme .", 2),
         ("il est très calme .", "il est calme .", 3),
         ("je suis chez moi .", "je suis à la maison .", 2),
         ("x y z", "a b c", 2)]


def _counts(m, tokens, n):
    counts = m.ngram_counts(tokens, n)
    return sorted((" ".join(gram), int(c)) for gram, c in counts.items())


def _scores(m, pairs):
    return [{"pred": p, "label": lab, "k": k, "score": m.bleu(p, lab, k)} for p, lab, k in pairs]


@plain_words
def verify_scores(got, expected):
    for row, want in zip(got, expected, strict=True):
        where = f"bleu({row['pred']!r}, {row['label']!r}, k={row['k']})"
        score = row["score"]
        if not isinstance(score, float):
            raise AssertionError(f"{where} should be a Python float, got "
                                 f"{type(score).__name__}")
        if abs(score - want["score"]) > 1e-9 + 1e-7 * abs(want["score"]):
            raise AssertionError(f"{where} = {score:.6g}, expected {want['score']:.6g}: "
                                 "brevity penalty exp(min(0, 1 - len_label / len_pred)), "
                                 "clipped precisions p_n over len_pred - n + 1 n-grams, "
                                 "weights 1 / 2**n, n up to min(k, len_pred)")


def cases(ctx):
    return [
        Case("ngram_counts: unigrams with repeats",
             lambda m: _counts(m, ["the", "cat", "and", "the", "hat"], 1)),
        Case("ngram_counts: bigrams and trigrams",
             lambda m: [_counts(m, ["a", "b", "a", "b", "a"], 2), _counts(m, ["a", "b", "a", "b", "a"], 3)]),
        Case("ngram_counts: n longer than the tokens", lambda m: _counts(m, ["a", "b"], 3)),
        Case("clipped_matches: repeats count at most as often as in the label",
             lambda m: [m.clipped_matches(["the", "the", "the", "the"], ["the", "cat", "the"], 1),
                        m.clipped_matches(["a", "b", "a", "b"], ["a", "b", "c", "a", "b"], 2)]),
        Case("clipped_matches: nothing in common", lambda m: m.clipped_matches(
            ["x"], ["y"], 1)),
        Case("a perfect prediction scores 1", lambda m: _scores(m, PAIRS[:1]),
             verify="verify_scores"),
        Case("one wrong word", lambda m: _scores(m, PAIRS[1:2]), verify="verify_scores"),
        Case("a short prediction pays the brevity penalty", lambda m: _scores(m, PAIRS[2:3]),
             verify="verify_scores"),
        Case("repeated words are clipped", lambda m: _scores(m, PAIRS[3:4]),
             verify="verify_scores"),
        Case("a long prediction gets no bonus", lambda m: _scores(m, PAIRS[4:5]),
             verify="verify_scores"),
        Case("translations, k = 2 and 3; no match at all scores 0",
             lambda m: _scores(m, PAIRS[5:]), verify="verify_scores"),
        Case("k larger than the prediction", lambda m: _scores(m, [("go .", "go now .", 4),
                                                                   ("go", "go", 3)]),
             verify="verify_scores"),
    ]
