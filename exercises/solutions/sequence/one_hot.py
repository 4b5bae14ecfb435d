"""Reference solution: sequence/one_hot."""

import torch
from torch.nn import functional as F


def one_hot(indices: torch.Tensor, vocab_size: int) -> torch.Tensor:
    return F.one_hot(indices, vocab_size).float()


def one_hot_time_major(indices: torch.Tensor, vocab_size: int) -> torch.Tensor:
    return F.one_hot(indices.T, vocab_size).float()
