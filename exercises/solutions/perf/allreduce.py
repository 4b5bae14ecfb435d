"""Reference solution: perf/allreduce."""

import torch


def naive_allreduce(tensors: list[torch.Tensor], op: str = "sum") -> list[torch.Tensor]:
    total = torch.stack(tensors).sum(dim=0)
    if op == "mean":
        total = total / len(tensors)
    return [total.clone() for _ in tensors]


def ring_allreduce(tensors: list[torch.Tensor], send, op: str = "sum") -> list[torch.Tensor]:
    k = len(tensors)
    chunks = [list(torch.tensor_split(t.flatten(), k)) for t in tensors]
    for step in range(k - 1):  # reduce-scatter
        outgoing = [(r, (r - step) % k) for r in range(k)]
        received = [send(r, (r + 1) % k, chunks[r][c]) for r, c in outgoing]
        for (r, c), chunk in zip(outgoing, received, strict=True):
            chunks[(r + 1) % k][c] = chunks[(r + 1) % k][c] + chunk
    for step in range(k - 1):  # all-gather
        outgoing = [(r, (r + 1 - step) % k) for r in range(k)]
        received = [send(r, (r + 1) % k, chunks[r][c]) for r, c in outgoing]
        for (r, c), chunk in zip(outgoing, received, strict=True):
            chunks[(r + 1) % k][c] = chunk
    results = [torch.cat(parts).reshape(t.shape) for parts, t in zip(chunks, tensors,
                                                                     strict=True)]
    if op == "mean":
        results = [r / k for r in results]
    return results
