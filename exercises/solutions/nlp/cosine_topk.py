"""Reference solution: nlp/cosine_topk."""

import torch


def cosine_similarities(W: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return (W @ x) / torch.sqrt((W * W).sum(dim=1) * (x * x).sum() + 1e-9)


def _top_excluding(similarities: torch.Tensor, excluded: list[int],
                   k: int) -> tuple[torch.Tensor, torch.Tensor]:
    similarities[excluded] = float("-inf")  # a fresh tensor: nobody else holds it
    values, indices = torch.topk(similarities, k)
    return indices, values


def nearest(W: torch.Tensor, query: int, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    return _top_excluding(cosine_similarities(W, W[query]), [query], k)


def analogy(W: torch.Tensor, a: int, b: int, c: int, k: int = 1) -> torch.Tensor:
    target = W[b] - W[a] + W[c]
    indices, _ = _top_excluding(cosine_similarities(W, target), [a, b, c], k)
    return indices
