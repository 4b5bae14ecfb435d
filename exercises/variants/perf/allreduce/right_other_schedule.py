"""Naive with functools.reduce; ring with another valid schedule (replica r ends reduce-scatter owning chunk r), applied in place."""

import functools

import torch


def naive_allreduce(tensors: list[torch.Tensor], op: str = "sum") -> list[torch.Tensor]:
    total = functools.reduce(torch.add, tensors)
    if op == "mean":
        total = total / len(tensors)
    return [total.clone() for _ in range(len(tensors))]


def ring_allreduce(tensors: list[torch.Tensor], send, op: str = "sum") -> list[torch.Tensor]:
    k = len(tensors)
    chunks = [[c.clone() for c in torch.tensor_split(t.reshape(-1), k)] for t in tensors]
    for s in range(k - 1):
        for r in range(k):
            c = (r - s - 1) % k
            got = send(r, (r + 1) % k, chunks[r][c])
            chunks[(r + 1) % k][c].add_(got)
    for s in range(k - 1):
        for r in range(k):
            c = (r - s) % k
            got = send(r, (r + 1) % k, chunks[r][c])
            chunks[(r + 1) % k][c].copy_(got)
    out = []
    for parts, t in zip(chunks, tensors, strict=True):
        flat = torch.cat(parts)
        out.append((flat / k if op == "mean" else flat).view(t.shape))
    return out
