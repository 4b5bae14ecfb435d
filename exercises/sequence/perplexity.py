"""Perplexity of a language model (困惑度).

A language model (语言模型) predicts the next token (词元) from a vocabulary of V
tokens. Its quality is measured by the average cross-entropy (交叉熵) over the n
predicted tokens, and reported as perplexity:

    perplexity = exp( (1/n) * sum over tokens of -log p(true token) )

Perplexity 1 means perfect predictions; a model that gives every token the same
probability 1/V has perplexity exactly V (the "effective number of choices").
The exponential of the MEAN loss, not the mean of per-token exponentials.

Task:
    perplexity(logits, targets) -> 0-d tensor
        logits: (..., V) float scores (未规范化的预测), targets: (...) int64 token indices,
        e.g. logits (batch, num_steps, V) with targets (batch, num_steps). Every
        position is one prediction. Must stay finite for large logits (use a numerically
        stable log-softmax, e.g. F.cross_entropy).
    perplexity_from_loss(total_loss, num_tokens) -> float
        total_loss: the SUM of per-token cross-entropies accumulated over an epoch, as a
        float; num_tokens: how many tokens that sum covers. Returns exp(total / num).

Do not change the inputs in place.
"""

import math  # noqa: F401

import torch
from torch.nn import functional as F  # noqa: F401


def perplexity(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    # TODO: exp of the mean cross-entropy over all positions
    raise NotImplementedError


def perplexity_from_loss(total_loss: float, num_tokens: int) -> float:
    # TODO: exp of the mean per-token loss
    raise NotImplementedError
