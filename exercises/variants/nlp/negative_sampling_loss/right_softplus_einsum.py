"""Correct: einsum scores and -log σ(x) = softplus(-x) written out by hand."""

import torch
from torch.nn import functional as F


def skip_gram_scores(center, contexts_negatives, embed_v, embed_u):
    return torch.einsum("bod,bmd->bom", embed_v(center), embed_u(contexts_negatives))


def sgns_loss(scores, labels, mask):
    x = scores.view(labels.shape)
    # BCE with logits: label 1 -> softplus(-x), label 0 -> softplus(x)
    per_entry = labels * F.softplus(-x) + (1 - labels) * F.softplus(x)
    return torch.sum(per_entry * mask, 1) / torch.sum(mask, 1)


def negative_sampling_loss(v_c, u_o, u_neg):
    pos = torch.einsum("bd,bd->b", u_o, v_c)
    neg = torch.einsum("bkd,bd->bk", u_neg, v_c)
    return F.softplus(-pos) + F.softplus(neg).sum(-1)


def noise_distribution(counts):
    w = torch.pow(counts.double(), 0.75)
    return w / torch.sum(w)
