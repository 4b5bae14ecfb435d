"""Skip-gram with negative sampling: scores and a stable loss (负采样).

Skip-gram gives every word two vectors: v_w when it is the center word (中心词) and u_w
when it is a context word (上下文词); the score of a pair is the dot product u_o · v_c.
A full softmax over the vocabulary is too expensive, so negative sampling (负采样) turns
the task into binary classification: the real context word o should get σ(u_o·v_c) near
1, and K noise words (噪声词) drawn from a noise distribution should get σ(u_k·v_c) near 0:

    loss(c, o) = -log σ(u_o · v_c) - Σ_k log σ(-u_k · v_c)

-log σ(x) = log(1 + e^{-x}) = softplus(-x); computing log(sigmoid(x)) directly gives -inf
once sigmoid underflows (x below about -100 in float32), so use a stable form
(F.logsigmoid, F.softplus or binary_cross_entropy_with_logits).

In d2l's minibatches each center has a row of m = (contexts + noises) candidates, padded
to a common length; labels (标签) are 1 for real contexts and 0 for noise words, and a
mask (掩码) is 1 for real entries and 0 for padding.

Task:
    skip_gram_scores(center, contexts_negatives, embed_v, embed_u) -> (B, 1, m)
        center (B, 1) and contexts_negatives (B, m) int64; embed_v and embed_u are
        nn.Embedding(V, d). Entry [b, 0, j] = u_{contexts_negatives[b, j]} · v_{center[b]}
        (a batched matrix product).
    sgns_loss(scores, labels, mask) -> (B,)
        scores (B, 1, m) or (B, m) logits; labels and mask (B, m) floats of 0/1. Per row
        b: the binary cross-entropy of the logits against the labels, summed over the
        positions where mask is 1 and divided by their number.
    negative_sampling_loss(v_c, u_o, u_neg) -> (B,)
        v_c, u_o (B, d); u_neg (B, K, d): the formula above, one value per example.
    noise_distribution(counts) -> (V,) float64 probabilities proportional to
        counts ** 0.75 (word2vec's smoothing: rare words are sampled a bit more often
        than their frequency).

All must work for scores of any size without inf or NaN, be differentiable, and leave
their inputs unchanged.
"""

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401


def skip_gram_scores(center: torch.Tensor, contexts_negatives: torch.Tensor,
                     embed_v: nn.Embedding, embed_u: nn.Embedding) -> torch.Tensor:
    # TODO: look up v (B, 1, d) and u (B, m, d); one batched product
    raise NotImplementedError


def sgns_loss(scores: torch.Tensor, labels: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    # TODO: stable BCE with logits per entry, masked, averaged over each row's real entries
    raise NotImplementedError


def negative_sampling_loss(v_c: torch.Tensor, u_o: torch.Tensor,
                           u_neg: torch.Tensor) -> torch.Tensor:
    # TODO: the positive pair's term plus the K noise terms, computed stably
    raise NotImplementedError


def noise_distribution(counts: torch.Tensor) -> torch.Tensor:
    # TODO: counts ** 0.75, normalised to sum to 1
    raise NotImplementedError
