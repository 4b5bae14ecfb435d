import torch

from studykit.grading.kit import Case


def _scalar(m, logits, targets):
    out = m.perplexity(logits, targets)
    if isinstance(out, torch.Tensor) and out.numel() == 1:
        return out.reshape(())
    return out


def cases(ctx):
    logits = ctx.randn(2, 5, 7, seed=1)
    targets = ctx.randint(0, 7, (2, 5), seed=2)
    flat = ctx.randn(6, 4, seed=3)
    flat_y = ctx.randint(0, 4, (6,), seed=4)
    uniform = torch.zeros(3, 4, 28, device=ctx.device)
    uniform_y = ctx.randint(0, 28, (3, 4), seed=5)
    perfect_y = ctx.randint(0, 5, (4, 3), seed=6)
    perfect = 30.0 * torch.nn.functional.one_hot(perfect_y, 5).float()
    # 99 confident right predictions and one confidently wrong one (logit gap 120): the
    # mean loss is about 1.2, but softmax-then-log underflows to log(0) = -inf
    huge = ctx.tensor([[50.0, 0.0, 0.0]] * 99 + [[120.0, 0.0, 0.0]])
    huge_y = ctx.tensor([0] * 99 + [1])
    mixed = ctx.tensor([[[4.0, 0.0, 0.0], [0.0, 0.0, 0.0]]])  # a confident and a uniform step
    mixed_y = ctx.tensor([[0, 2]])
    return [
        Case("random logits (2, 5, 7)", lambda m: _scalar(m, logits, targets), rtol=1e-5, atol=1e-5),
        Case("2-D logits (6, 4)", lambda m: _scalar(m, flat, flat_y), rtol=1e-5, atol=1e-5),
        Case("uniform predictions give the vocabulary size (28)",
             lambda m: _scalar(m, uniform, uniform_y), rtol=1e-5, atol=1e-5),
        Case("confident correct predictions give about 1",
             lambda m: _scalar(m, perfect, perfect_y), rtol=1e-5, atol=1e-5),
        Case("exp of the mean loss, not the mean of exps",
             lambda m: _scalar(m, mixed, mixed_y), rtol=1e-5, atol=1e-5),
        Case("one confidently wrong prediction (logit gap 120) stays finite (about e^1.2)",
             lambda m: _scalar(m, huge, huge_y), rtol=1e-4, atol=1e-4),
        Case("float64 logits", lambda m: _scalar(m, logits.double(), targets)),
        Case("perplexity_from_loss: total 69.3 over 50 tokens",
             lambda m: m.perplexity_from_loss(69.3, 50), rtol=1e-9, atol=1e-12),
        Case("perplexity_from_loss: zero loss gives 1",
             lambda m: m.perplexity_from_loss(0.0, 10), rtol=1e-12, atol=1e-12),
        Case("perplexity_from_loss: uniform over 1000 tokens",
             lambda m: m.perplexity_from_loss(20 * 6.907755278982137, 20), rtol=1e-9,
             atol=1e-9),
    ]
