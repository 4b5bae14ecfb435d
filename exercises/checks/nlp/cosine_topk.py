import torch

from studykit.grading.kit import Case, plain_words


def _matrix(ctx, seed, V=12, d=5, dtype=torch.float32):
    W = ctx.randn(V, d, seed=seed, dtype=dtype)
    W[7] = W[2] * 3.0       # same direction as row 2: similarity 1
    W[9] = 0.0              # a zero vector
    return W


def _nearest(m, W, q, k):
    indices, sims = m.nearest(W, q, k)
    return {"indices": indices, "similarities": sims}


def _keeps_duplicates(m, W):
    indices, sims = m.nearest(W, 2, 3)
    return {"indices": indices.tolist(), "query left out": 2 not in indices.tolist(),
            "sorted": bool((sims[:-1] >= sims[1:]).all())}


@plain_words
def verify_duplicates(got, expected):
    if not got["query left out"]:
        raise AssertionError("the query's own row is in the result: leave it out")
    if not got["sorted"]:
        raise AssertionError("the similarities should come highest first")
    if got["indices"] != expected["indices"]:
        raise AssertionError(f"nearest(W, 2, 3) gave rows {got['indices']}, expected "
                             f"{expected['indices']}: row 7 points the same way as row 2 "
                             "(cosine 1) and must stay; leave out row 2 by its index, not "
                             "by dropping the first result")


def _analogy_world(ctx):
    """man, woman, king, queen, ... with queen = king - man + woman + noise."""
    W = ctx.randn(10, 6, seed=30)
    man, woman, king, queen = 0, 1, 2, 3
    W[woman] = W[woman] * 0.2 + W[king] * 0.9   # b close to the target: it must be left out
    W[queen] = W[king] - W[man] + W[woman] + 0.05 * ctx.randn(6, seed=31)
    return W


def cases(ctx):
    W = _matrix(ctx, 1)
    x = ctx.randn(5, seed=2)
    W64 = _matrix(ctx, 3, V=15, d=4, dtype=torch.float64)
    A = _analogy_world(ctx)
    tiny = ctx.tensor([[1e-5, 2e-5, -1e-5, 0.0, 3e-5], [1.0, -2.0, 0.5, 0.0, 1.0]])
    return [
        Case("cosine_similarities: 12 rows (one zero row gives 0)",
             lambda m: m.cosine_similarities(W, x), inputs=(W, x), rtol=1e-5, atol=1e-6),
        Case("a row of length 4e-5: the 1e-9 inside the square root shows",
             lambda m: m.cosine_similarities(tiny, x), rtol=1e-4, atol=1e-6),
        Case("cosine_similarities of a row with itself is 1 (float64)",
             lambda m: m.cosine_similarities(W64, W64[4])),
        Case("nearest(W, 0, 3)", lambda m: _nearest(m, W, 0, 3), inputs=(W,),
             rtol=1e-5, atol=1e-6),
        Case("a row pointing the same way stays; only the query is left out",
             lambda m: _keeps_duplicates(m, W), verify="verify_duplicates"),
        Case("nearest: k = V - 1 (float64)", lambda m: _nearest(m, W64, 6, 14)),
        Case("analogy man : woman :: king : ?", lambda m: m.analogy(A, 0, 1, 2), inputs=(A,)),
        Case("analogy with k = 3 leaves out a, b and c", lambda m: m.analogy(A, 0, 1, 2, 3)),
        Case("analogy on float64 vectors", lambda m: m.analogy(W64, 1, 5, 8, 2)),
    ]
