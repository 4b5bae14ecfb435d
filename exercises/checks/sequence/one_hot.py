import torch
from torch.nn import functional as F

from studykit.grading.kit import Case


def _against_torch(m, idx, vocab):
    out = m.one_hot(idx, vocab)
    want = F.one_hot(idx, vocab).float()
    return {"shape": tuple(out.shape), "dtype": str(out.dtype),
            "equals F.one_hot": out.shape == want.shape and bool(torch.equal(out, want))}


def cases(ctx):
    idx = ctx.tensor([[0, 2, 1], [3, 3, 0]])
    rand = ctx.randint(0, 28, (4, 35), seed=1)
    small = ctx.randint(0, 3, (3, 5), seed=2)  # never contains the largest indices
    one = ctx.tensor([[4]])
    return [
        Case("2x3 indices, vocabulary of 4", lambda m: m.one_hot(idx, 4),),
        Case("random 4x35 minibatch, vocabulary of 28, equals F.one_hot(...).float()",
             lambda m: _against_torch(m, rand, 28),),
        Case("vocabulary larger than the largest index in the batch",
             lambda m: m.one_hot(small, 10)),
        Case("a single token (1x1), the last index of the vocabulary",
             lambda m: m.one_hot(one, 5)),
        Case("every vector sums to 1", lambda m: m.one_hot(rand, 28).sum(dim=-1)),
        Case("time major: 2x3 indices -> (3, 2, 4)",
             lambda m: m.one_hot_time_major(idx, 4),),
        Case("time major: out[t] is the minibatch at step t (4x35 -> 35x4x28)",
             lambda m: m.one_hot_time_major(rand, 28)),
        Case("time major with batch 1", lambda m: m.one_hot_time_major(small[:1], 6)),
    ]
