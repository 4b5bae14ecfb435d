"""Uses log σ(u_k·v_c) for the noise words instead of log σ(-u_k·v_c)."""

import torch
from torch import nn
from torch.nn import functional as F


def skip_gram_scores(center: torch.Tensor, contexts_negatives: torch.Tensor,
                     embed_v: nn.Embedding, embed_u: nn.Embedding) -> torch.Tensor:
    v = embed_v(center)               # (B, 1, d)
    u = embed_u(contexts_negatives)   # (B, m, d)
    return torch.bmm(v, u.transpose(1, 2))


def sgns_loss(scores: torch.Tensor, labels: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    scores = scores.reshape(labels.shape)
    per_entry = F.binary_cross_entropy_with_logits(scores, labels, reduction="none")
    return (per_entry * mask).sum(dim=1) / mask.sum(dim=1)


def negative_sampling_loss(v_c: torch.Tensor, u_o: torch.Tensor,
                           u_neg: torch.Tensor) -> torch.Tensor:
    positive = (u_o * v_c).sum(dim=-1)                               # (B,)
    negative = torch.bmm(u_neg, v_c.unsqueeze(2)).squeeze(2)         # (B, K)
    return -F.logsigmoid(positive) - F.logsigmoid(negative).sum(dim=1)


def noise_distribution(counts: torch.Tensor) -> torch.Tensor:
    weights = counts.to(torch.float64) ** 0.75
    return weights / weights.sum()
