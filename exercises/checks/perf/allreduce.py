import torch

from studykit.grading.kit import Case, plain_words


class Wire:
    """send(src, dst, chunk) for the learner: logs every transfer, hands over a copy."""

    def __init__(self, k):
        self.k = k
        self.log = []

    def __call__(self, src, dst, chunk):
        if not isinstance(chunk, torch.Tensor):
            raise AssertionError(f"send() got a {type(chunk).__name__}; send tensor chunks")
        self.log.append((int(src), int(dst), chunk.numel()))
        return chunk.detach().clone()


def _inputs(ctx, k, shape, seed, ints=False):
    if ints:
        return [ctx.randint(-50, 50, shape, seed=seed + r) for r in range(k)]
    return [ctx.randn(*shape, seed=seed + r) for r in range(k)]


def _naive(m, tensors, op):
    before = [t.clone() for t in tensors]
    out = m.naive_allreduce(tensors, op=op)
    independent = True
    if len(out) > 1:
        probe = out[1].clone()
        out[0].add_(1)
        independent = torch.equal(out[1], probe)
        out[0].sub_(1)
    return {"results": list(out), "independent copies": independent,
            "inputs unchanged": all(torch.equal(a, b) for a, b in zip(tensors, before,
                                                                      strict=True))}


def _ring(m, tensors, op="sum"):
    before = [t.clone() for t in tensors]
    wire = Wire(len(tensors))
    out = m.ring_allreduce(tensors, wire, op=op)
    independent = True
    if len(out) > 1:
        probe = out[1].clone()
        out[0].add_(1)
        independent = torch.equal(out[1], probe)
        out[0].sub_(1)
    return {"results": list(out), "log": wire.log, "k": len(tensors),
            "numel": tensors[0].numel(), "independent copies": independent,
            "inputs unchanged": all(torch.equal(a, b) for a, b in zip(tensors, before,
                                                                      strict=True))}


def _common(got, expected):
    if not got["inputs unchanged"]:
        raise AssertionError("an input tensor changed: work on copies")
    if not got["independent copies"]:
        raise AssertionError("the replicas' results share memory: writing into one changed "
                             "another; give every replica its own tensor")
    results, want = got["results"], expected["results"]
    if len(results) != len(want):
        raise AssertionError(f"expected {len(want)} results (one per replica), got "
                             f"{len(results)}")
    for r, (a, b) in enumerate(zip(results, want, strict=True)):
        if a.shape != b.shape or a.dtype != b.dtype:
            raise AssertionError(f"replica {r}: result {tuple(a.shape)} {a.dtype}, expected "
                                 f"{tuple(b.shape)} {b.dtype}")
        exact = not b.is_floating_point()
        if (exact and not torch.equal(a, b)) or (
                not exact and not torch.allclose(a, b, rtol=1e-5, atol=1e-5)):
            raise AssertionError(f"replica {r}: the result is not the elementwise "
                                 f"{'mean' if got.get('op') == 'mean' else 'sum'} of all "
                                 "replicas' tensors")


@plain_words
def verify_naive(got, expected):
    _common(got, expected)


@plain_words
def verify_ring(got, expected):
    k, numel, log = got["k"], got["numel"], got["log"]
    wrong = [(s, d) for s, d, _ in log if d != (s + 1) % k]
    if wrong:
        raise AssertionError(f"send({wrong[0][0]}, {wrong[0][1]}, ...): a replica only sends "
                             "to its right neighbour, (src + 1) % k")
    if len(log) != 2 * k * (k - 1):
        raise AssertionError(f"{len(log)} transfers; a ring all-reduce of {k} replicas makes "
                             f"2 * k * (k - 1) = {2 * k * (k - 1)}: k - 1 reduce-scatter "
                             "steps and k - 1 all-gather steps, one chunk per replica each")
    sent = sum(n for _, _, n in log)
    if sent != 2 * (k - 1) * numel:
        raise AssertionError(f"{sent} elements went over the wire; with chunks of about "
                             f"numel / k it is 2 * (k - 1) * numel = {2 * (k - 1) * numel}")
    _common(got, expected)


def cases(ctx):
    four = _inputs(ctx, 4, (3, 5), seed=1)
    ints = _inputs(ctx, 3, (7,), seed=10, ints=True)
    return [
        Case("naive: sum of 4 replicas' (3, 5) tensors", lambda m: _naive(m, four, "sum"),
             verify="verify_naive"),
        Case("naive: mean", lambda m: {**_naive(m, four, "mean"), "op": "mean"},
             verify="verify_naive"),
        Case("naive: integer tensors, exact sum", lambda m: _naive(m, ints, "sum"),
             verify="verify_naive"),
        Case("naive: a single replica", lambda m: _naive(m, four[:1], "sum"),
             verify="verify_naive"),
        Case("ring: 4 replicas, (3, 5) tensors", lambda m: _ring(m, four), verify="verify_ring"),
        Case("ring: 3 replicas of 7 integers (chunks of 3, 2, 2), exact",
             lambda m: _ring(m, ints), verify="verify_ring"),
        Case("ring: mean over 4 replicas", lambda m: {**_ring(m, four, "mean"), "op": "mean"},
             verify="verify_ring"),
        Case("ring: 2 replicas", lambda m: _ring(m, four[:2]), verify="verify_ring"),
        Case("ring: 5 replicas of 3 numbers (some chunks empty)",
             lambda m: _ring(m, _inputs(ctx, 5, (3,), seed=20)), verify="verify_ring"),
        Case("ring: a single replica sends nothing", lambda m: _ring(m, four[:1]),
             verify="verify_ring"),
    ]
