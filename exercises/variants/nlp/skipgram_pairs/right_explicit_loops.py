"""Correct: explicit index loops with bounds checks."""

import torch


def skipgram_pairs(sentences, window):
    pairs = []
    for sent in sentences:
        n = len(sent)
        for i in range(n):
            for j in range(i - window, i + window + 1):
                if 0 <= j < n and j != i:
                    pairs.append((sent[i], sent[j]))
    return pairs


def centers_and_contexts(sentences, max_window, generator):
    centers, contexts = [], []
    for sent in (s for s in sentences if len(s) >= 2):
        for i, center in enumerate(sent):
            w = torch.randint(1, max_window + 1, (1,), generator=generator).item()
            centers.append(center)
            contexts.append([sent[j] for j in range(len(sent)) if j != i and abs(j - i) <= w])
    return centers, contexts


def cbow_examples(sentences, window):
    out = []
    for sent in sentences:
        for i in range(len(sent)):
            if i - window >= 0 and i + window < len(sent):
                left = [sent[j] for j in range(i - window, i)]
                right = [sent[j] for j in range(i + 1, i + window + 1)]
                out.append((left + right, sent[i]))
    return out
