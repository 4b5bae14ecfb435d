"""Ring: passes whole tensors around the ring (k - 1 full copies per replica) instead of chunks."""

import torch


def naive_allreduce(tensors: list[torch.Tensor], op: str = "sum") -> list[torch.Tensor]:
    total = torch.stack(tensors).sum(dim=0)
    if op == "mean":
        total = total / len(tensors)
    return [total.clone() for _ in tensors]


def ring_allreduce(tensors: list[torch.Tensor], send, op: str = "sum") -> list[torch.Tensor]:
    k = len(tensors)
    totals = [t.flatten().clone() for t in tensors]
    moving = [t.flatten().clone() for t in tensors]
    for _ in range(k - 1):
        arrived = [send(r, (r + 1) % k, moving[r]) for r in range(k)]
        moving = [arrived[(r - 1) % k] for r in range(k)]
        totals = [total + m for total, m in zip(totals, moving, strict=True)]
    results = [total.reshape(t.shape) for total, t in zip(totals, tensors, strict=True)]
    if op == "mean":
        results = [r / k for r in results]
    return results
