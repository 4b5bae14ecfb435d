import torch
from torch import nn
from torch.nn import functional as F

from studykit.grading.kit import Case, plain_words


def _embeddings(ctx, V, d, seed):
    torch.manual_seed(seed)
    return nn.Embedding(V, d).to(ctx.device), nn.Embedding(V, d).to(ctx.device)


def _scores(m, ctx, center, cn):
    embed_v, embed_u = _embeddings(ctx, 20, 4, seed=1)
    with torch.no_grad():
        return m.skip_gram_scores(center, cn, embed_v, embed_u)


def _formula(m, v_c, u_o, u_neg):
    """The closed form equals a BCE with label 1 for the context and 0 for the noise."""
    loss = m.negative_sampling_loss(v_c, u_o, u_neg)
    logits = torch.cat([(u_o * v_c).sum(-1, keepdim=True),
                        torch.einsum("bkd,bd->bk", u_neg, v_c)], dim=1)
    labels = torch.zeros_like(logits)
    labels[:, 0] = 1
    want = F.binary_cross_entropy_with_logits(logits, labels, reduction="none").sum(1)
    return {"yours": loss, "bce": want}


@plain_words
def verify_formula(got, expected):
    yours, want = got["yours"], got["bce"]
    if tuple(yours.shape) != tuple(want.shape):
        raise AssertionError(f"expected one loss per example, shape {tuple(want.shape)}, got "
                             f"{tuple(yours.shape)}")
    if not torch.isfinite(yours).all():
        raise AssertionError("the loss has inf or NaN for large scores: log(sigmoid(x)) "
                             "underflows; use F.logsigmoid (or softplus)")
    if not torch.allclose(yours, want, rtol=1e-5, atol=1e-5):
        raise AssertionError("your loss differs from -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c) "
                             "(the noise words' scores enter with a minus sign)")


def _grads(m, v_c, u_o, u_neg):
    leaves = [t.clone().requires_grad_(True) for t in (v_c, u_o, u_neg)]
    m.negative_sampling_loss(*leaves).sum().backward()
    return {name: t.grad for name, t in zip(("v_c", "u_o", "u_neg"), leaves, strict=True)}


def _noise(m, counts):
    p = m.noise_distribution(counts)
    return {"p": p, "sum": float(p.sum())}


def cases(ctx):
    center = ctx.tensor([[1], [4], [7]])
    cn = ctx.tensor([[2, 3, 5, 0], [6, 8, 9, 11], [0, 1, 12, 19]])
    scores = ctx.randn(3, 1, 4, seed=2) * 3
    labels = ctx.tensor([[1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]])
    mask = ctx.tensor([[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
    huge = ctx.tensor([[[150.0, -150.0, 90.0]], [[-120.0, 110.0, -95.0]]])
    huge_labels = ctx.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    ones = torch.ones(2, 3, device=ctx.device)
    v_c, u_o = ctx.randn(4, 5, seed=3), ctx.randn(4, 5, seed=4)
    u_neg = ctx.randn(4, 3, 5, seed=5)
    big = 30.0
    counts = ctx.tensor([100, 10, 1, 0, 55])
    return [
        Case("skip_gram_scores: 3 centers, 4 candidates each",
             lambda m: _scores(m, ctx, center, cn), inputs=(center, cn), rtol=1e-5, atol=1e-6),
        Case("sgns_loss with labels and a padding mask",
             lambda m: m.sgns_loss(scores, labels, mask), inputs=(scores, labels, mask),
             rtol=1e-5, atol=1e-6),
        Case("sgns_loss takes (B, m) scores as well",
             lambda m: m.sgns_loss(scores.reshape(3, 4), labels, mask), rtol=1e-5, atol=1e-6),
        Case("sgns_loss: scores of +-150 give finite, exact losses",
             lambda m: m.sgns_loss(huge, huge_labels, ones), rtol=1e-5, atol=1e-5),
        Case("negative_sampling_loss: batch 4, K = 3",
             lambda m: m.negative_sampling_loss(v_c, u_o, u_neg), inputs=(v_c, u_o, u_neg),
             rtol=1e-5, atol=1e-6),
        Case("negative_sampling_loss equals the BCE form",
             lambda m: _formula(m, v_c, u_o, u_neg), verify="verify_formula"),
        Case("negative_sampling_loss stays finite for huge scores",
             lambda m: _formula(m, v_c * big, u_o * big, u_neg * big), verify="verify_formula"),
        Case("gradients reach v_c, u_o and the noise vectors",
             lambda m: _grads(m, v_c, u_o, u_neg), rtol=1e-5, atol=1e-6),
        Case("noise_distribution: counts ** 0.75, normalised (float64)",
             lambda m: _noise(m, counts), inputs=(counts,)),
    ]
