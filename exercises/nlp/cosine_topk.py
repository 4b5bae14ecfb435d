"""Nearest words and analogies by cosine similarity (词相似度和类比任务).

Trained word vectors (词向量) put related words near each other. "Near" is measured by
the cosine similarity (余弦相似度), the cosine of the angle between two vectors, which
ignores their lengths:

    cos(x, y) = x · y / sqrt(|x|^2 |y|^2 + 1e-9)

(the 1e-9, as in d2l, makes a zero vector's similarity 0 instead of NaN). Word analogies
(词类比) "a is to b as c is to ?" (man : woman :: king : queen) are answered by the word
whose vector is closest to vec(b) - vec(a) + vec(c), leaving out a, b and c themselves.

Task (W is an embedding matrix (V, d), one row per word; words are row indices):
    cosine_similarities(W, x) -> (V,): cos(W[i], x) for every row i, W's dtype.
    nearest(W, query, k) -> (indices, similarities)
        the k rows most similar to row query, highest first, leaving out row query
        itself (another row equal to it is NOT left out); indices int64 (k,),
        similarities (k,) in W's dtype. 1 <= k <= V - 1.
    analogy(W, a, b, c, k=1) -> int64 (k,)
        the k rows closest to W[b] - W[a] + W[c], highest first, leaving out a, b, c.

Use plain tensor operations (torch.topk or sorting); do not change W.
"""

import torch


def cosine_similarities(W: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    # TODO: the dot products divided by sqrt of the products of the squared norms + 1e-9
    raise NotImplementedError


def nearest(W: torch.Tensor, query: int, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: similarities to row query, leave that row out, the k largest
    raise NotImplementedError


def analogy(W: torch.Tensor, a: int, b: int, c: int, k: int = 1) -> torch.Tensor:
    # TODO: the target vector, similarities, leave out a, b, c, the k largest
    raise NotImplementedError
