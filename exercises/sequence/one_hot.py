"""One-hot encoding of token indices (独热编码).

Before a recurrent network can read tokens (词元), each token index in the vocabulary
(词表, of size vocab_size) becomes a one-hot vector (独热向量): a vector of vocab_size
zeros with a single 1 at the token's index. A minibatch of token indices of shape
(batch, num_steps) becomes a float tensor (batch, num_steps, vocab_size).
Recurrent code often wants time first (时间步优先): (num_steps, batch, vocab_size), so
that X[t] is the minibatch at time step t.

Task:
    one_hot(indices, vocab_size) -> float32 tensor (batch, num_steps, vocab_size)
        out[b, t, v] = 1.0 if indices[b, t] == v else 0.0
    one_hot_time_major(indices, vocab_size) -> float32 tensor (num_steps, batch, vocab_size)
        the same encoding with the first two dimensions swapped: out[t, b] is the one-hot
        vector of indices[b, t]

Inputs: indices, an int64 tensor (batch, num_steps) with values in [0, vocab_size).
The vocabulary size comes from the argument, not from indices.max() (the largest token
may be missing from a minibatch). Do not change indices in place.
"""

import torch
from torch.nn import functional as F  # noqa: F401


def one_hot(indices: torch.Tensor, vocab_size: int) -> torch.Tensor:
    # TODO: (batch, num_steps) int64 -> (batch, num_steps, vocab_size) float32
    raise NotImplementedError


def one_hot_time_major(indices: torch.Tensor, vocab_size: int) -> torch.Tensor:
    # TODO: (batch, num_steps) int64 -> (num_steps, batch, vocab_size) float32
    raise NotImplementedError
