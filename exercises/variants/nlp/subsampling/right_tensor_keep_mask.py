"""Correct: the keep probabilities min(1, sqrt(t / f)) as a float64 tensor, one mask for the corpus."""

import torch


def discard_probabilities(counts, t):
    tokens = list(counts)
    freq = torch.tensor([counts[w] for w in tokens], dtype=torch.float64)
    freq = freq / freq.sum()
    p = (1 - torch.sqrt(t / freq)).clamp(min=0)
    return {w: float(v) for w, v in zip(tokens, p, strict=True)}


def subsample(sentences, t, generator):
    counts = {}
    for line in sentences:
        for tok in line:
            counts[tok] = counts.get(tok, 0) + 1
    p = discard_probabilities(counts, t)
    flat = [tok for line in sentences for tok in line]
    keep = torch.rand(len(flat), generator=generator, dtype=torch.float32) < torch.tensor(
        [1 - p[tok] for tok in flat], dtype=torch.float32)
    out, k = [], 0
    for line in sentences:
        out.append([tok for j, tok in enumerate(line) if keep[k + j]])
        k += len(line)
    return out
