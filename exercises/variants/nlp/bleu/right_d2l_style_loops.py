"""Correct: d2l-style loops that decrement a dictionary of the label's n-grams."""

import math


def ngram_counts(tokens, n):
    counts = {}
    for i in range(len(tokens) - n + 1):
        gram = tuple(tokens[i:i + n])
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def clipped_matches(pred_tokens, label_tokens, n):
    remaining = ngram_counts(label_tokens, n)
    matches = 0
    for i in range(len(pred_tokens) - n + 1):
        gram = tuple(pred_tokens[i:i + n])
        if remaining.get(gram, 0) > 0:
            matches += 1
            remaining[gram] -= 1
    return matches


def bleu(pred_seq, label_seq, k):
    pred, label = pred_seq.split(" "), label_seq.split(" ")
    len_pred, len_label = len(pred), len(label)
    log_score = min(0.0, 1 - len_label / len_pred)
    for n in range(1, min(k, len_pred) + 1):
        p = clipped_matches(pred, label, n) / (len_pred - n + 1)
        if p == 0:
            return 0.0
        log_score += math.log(p) / 2 ** n
    return math.exp(log_score)
