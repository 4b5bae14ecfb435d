"""Correct: a loop over examples and queries, softmax over each row's valid keys only."""

import torch


def masked_softmax(X, valid_lens):
    out = torch.softmax(X, dim=-1)
    if valid_lens is None:
        return out
    rows = []
    for b in range(X.shape[0]):
        row_b = []
        for q in range(X.shape[1]):
            n = int(valid_lens[b] if valid_lens.dim() == 1 else valid_lens[b, q])
            n = min(n, X.shape[2])
            if n == 0:
                row_b.append(torch.full_like(X[b, q], 1.0 / X.shape[2]))
                continue
            weights = torch.softmax(X[b, q, :n], dim=-1)
            row_b.append(torch.cat([weights, X.new_zeros(X.shape[2] - n)]))
        rows.append(torch.stack(row_b))
    return torch.stack(rows)
