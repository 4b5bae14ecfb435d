"""Ranks by the dot product without dividing by the norms."""

import torch


def cosine_similarities(W: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return W @ x


def _top_excluding(similarities: torch.Tensor, excluded: list[int],
                   k: int) -> tuple[torch.Tensor, torch.Tensor]:
    similarities = similarities.clone()
    similarities[excluded] = float("-inf")
    values, indices = torch.topk(similarities, k)
    return indices, values


def nearest(W: torch.Tensor, query: int, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    return _top_excluding(cosine_similarities(W, W[query]), [query], k)


def analogy(W: torch.Tensor, a: int, b: int, c: int, k: int = 1) -> torch.Tensor:
    target = W[b] - W[a] + W[c]
    indices, _ = _top_excluding(cosine_similarities(W, target), [a, b, c], k)
    return indices
