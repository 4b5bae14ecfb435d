import torch
from torch.nn import functional as F

from studykit.grading.kit import Case


def _loss(m, logits, targets, lens):
    out = m.masked_cross_entropy(logits, targets, lens)
    return out.reshape(()) if isinstance(out, torch.Tensor) and out.numel() == 1 else out


def _padding_ignored(m, logits, targets, lens):
    """Scramble logits and targets at the padded positions: the loss must not move."""
    mask = (torch.arange(targets.shape[1], device=lens.device)[None, :] < lens[:, None])
    noisy = torch.where(mask[..., None], logits, 100.0 * torch.ones_like(logits))
    other = torch.where(mask, targets, torch.zeros_like(targets) + 3)
    a = m.masked_cross_entropy(logits, targets, lens)
    b = m.masked_cross_entropy(noisy, other, lens)
    return bool(torch.allclose(a, b, rtol=1e-6, atol=1e-7))


def verify_padding(got, expected):
    if not got:
        raise AssertionError("the loss changed when only the padded positions changed: mask "
                             "them out before summing, and divide by the number of valid "
                             "tokens")


def _grad(m, logits, targets, lens):
    leaf = logits.clone().requires_grad_(True)
    m.masked_cross_entropy(leaf, targets, lens).backward()
    return leaf.grad


def cases(ctx):
    lens = ctx.tensor([3, 1, 4, 0])
    logits = ctx.randn(4, 4, 6, seed=1)
    targets = ctx.randint(0, 6, (4, 4), seed=2)
    full = ctx.tensor([5, 5])
    logits5 = ctx.randn(2, 5, 3, seed=3, dtype=torch.float64)
    targets5 = ctx.randint(0, 3, (2, 5), seed=4)
    return [
        Case("sequence_mask: lengths [3, 1, 4, 0], 4 steps",
             lambda m: m.sequence_mask(lens, 4),),
        Case("sequence_mask: lengths longer than num_steps are clipped",
             lambda m: m.sequence_mask(ctx.tensor([7, 2]), 5)),
        Case("sequence_mask: batch of 1, length 1", lambda m: m.sequence_mask(
            ctx.tensor([1]), 3)),
        Case("loss averaged over the 8 valid tokens",
             lambda m: _loss(m, logits, targets, lens),
             rtol=1e-5, atol=1e-6),
        Case("no padding: equals F.cross_entropy's mean", lambda m: [
            _loss(m, logits5, targets5, full),
            F.cross_entropy(logits5.permute(0, 2, 1), targets5)]),
        Case("padded positions do not change the loss",
             lambda m: _padding_ignored(m, logits, targets, lens), verify=verify_padding),
        Case("no gradient reaches padded positions",
             lambda m: _grad(m, logits, targets, lens), rtol=1e-5, atol=1e-7),
        Case("float64, one valid token in the whole batch",
             lambda m: _loss(m, logits5, targets5, ctx.tensor([0, 1]))),
    ]
