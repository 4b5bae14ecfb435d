"""Embedding lookups, their gradient, and the padding row (嵌入层 nn.Embedding).

An embedding layer (嵌入层) holds a weight matrix W (V, d), one row (a word vector, 词向量)
per token of the vocabulary. Looking up token i is the same as multiplying its one-hot
vector (独热向量) by W: one_hot(i) @ W = W[i]. So a lookup is a linear layer without
bias, and its gradient is the one-hot transposed times the upstream gradient: row r of
dL/dW is the SUM of the upstream gradients of every position that holds token r (a token
that occurs twice gets both contributions), and rows of tokens not in the batch get 0.

nn.Embedding(V, d, padding_idx=p) reserves row p for the padding token (填充词元): it is
initialised to zeros and never receives a gradient, so padding stays a zero vector
during training (the lookup itself returns whatever row p holds).

Task:
    embed(indices, W) -> (*indices.shape, d), W's dtype
        indices: int64 of any shape, values in 0..V-1. Write it as one_hot(indices, V)
        @ W (the one-hot in W's dtype); indexing W gives the same numbers.
    lookup_grad(indices, grad_output, num_embeddings) -> (V, d)
        the gradient of (embed(indices, W) * grad_output).sum() with respect to W,
        computed directly (no autograd): grad_output has shape (*indices.shape, d).
    class PaddedEmbedding(nn.Module)
        __init__(num_embeddings, embedding_dim, padding_idx):
            self.weight = nn.Parameter of shape (V, d) drawn with torch.randn, with row
            padding_idx set to zeros.
        forward(indices) -> the rows of self.weight, as nn.Embedding(padding_idx=...)
            gives them; after backward, self.weight.grad[padding_idx] is all zeros while
            the other rows get their usual gradient.

Do not call nn.Embedding or F.embedding in your answer; do not change inputs in place.
"""

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401


def embed(indices: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    # TODO: a one-hot of V classes in W's dtype, times W
    raise NotImplementedError


def lookup_grad(indices: torch.Tensor, grad_output: torch.Tensor,
                num_embeddings: int) -> torch.Tensor:
    # TODO: add every position's upstream gradient into the row of its token
    raise NotImplementedError


class PaddedEmbedding(nn.Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int) -> None:
        super().__init__()
        # TODO: a randn weight parameter with the padding row zeroed
        raise NotImplementedError

    def forward(self, indices: torch.Tensor) -> torch.Tensor:
        # TODO: the rows of the weight; no gradient may reach the padding row
        raise NotImplementedError
