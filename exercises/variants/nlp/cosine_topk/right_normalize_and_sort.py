"""Correct: normalise the rows, sort all similarities, and skip excluded rows while collecting."""

import torch


def cosine_similarities(W, x):
    norms = torch.sqrt(torch.sum(W ** 2, dim=1) * torch.sum(x ** 2) + 1e-9)
    return torch.mv(W, x) / norms


def _best(sims, skip, k):
    order = torch.argsort(sims, descending=True)
    keep = [int(i) for i in order if int(i) not in skip][:k]
    index = torch.tensor(keep, dtype=torch.long, device=sims.device)
    return index, sims[index]


def nearest(W, query, k):
    return _best(cosine_similarities(W, W[query]), {query}, k)


def analogy(W, a, b, c, k=1):
    return _best(cosine_similarities(W, W[b] - W[a] + W[c]), {a, b, c}, k)[0]
