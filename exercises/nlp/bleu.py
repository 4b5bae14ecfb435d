"""BLEU: scoring a predicted sequence against a reference (BLEU, 机器翻译评估).

BLEU (bilingual evaluation understudy) compares the n-grams (n元语法) of a predicted
sequence with those of the label (reference) sequence. p_n is the clipped precision of
the n-grams: the number of predicted n-grams that also occur in the label, each label
n-gram matched at most as many times as it occurs there (so "the the the" does not score
three matches against "the cat"), divided by the number of predicted n-grams,
len_pred - n + 1. As in d2l:

    BLEU = exp(min(0, 1 - len_label / len_pred)) * Π_{n=1..k} p_n ** (1 / 2**n)

The first factor is the brevity penalty (a prediction shorter than the label is
penalised; a longer one is not rewarded). The exponents 1/2^n shrink as n grows, and
since p_n <= 1, a given precision p_n counts for more when n is larger: matching long
n-grams is harder. A perfect prediction scores 1; n only runs up to min(k, len_pred).

Task:
    ngram_counts(tokens, n) -> dict mapping each n-gram (a tuple of n tokens) to its
        number of occurrences in the list of tokens (empty when len(tokens) < n).
    clipped_matches(pred_tokens, label_tokens, n) -> int
        the numerator of p_n.
    bleu(pred_seq, label_seq, k) -> Python float
        pred_seq, label_seq: non-empty strings of tokens separated by single spaces
        (str.split(" ")).
"""

import math  # noqa: F401


def ngram_counts(tokens: list[str], n: int) -> dict[tuple[str, ...], int]:
    # TODO: count every run of n consecutive tokens
    raise NotImplementedError


def clipped_matches(pred_tokens: list[str], label_tokens: list[str], n: int) -> int:
    # TODO: each predicted n-gram matches at most as often as it occurs in the label
    raise NotImplementedError


def bleu(pred_seq: str, label_seq: str, k: int) -> float:
    # TODO: brevity penalty times the weighted clipped precisions for n = 1..min(k, len_pred)
    raise NotImplementedError
