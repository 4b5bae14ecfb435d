import torch

from studykit.grading.kit import Case


def _data(n, dtype=torch.float32):
    idx = torch.arange(n)
    X = torch.stack([idx * 10, idx * 10 + 1], dim=1).to(dtype)  # row i is (10 i, 10 i + 1)
    y = idx * 3 + 7  # label i is 3 i + 7
    return X, y


def _batches(m, n, b, shuffle, seed=None):
    X, y = _data(n)
    g = None if seed is None else torch.Generator().manual_seed(seed)
    return list(m.minibatches(X, y, b, shuffle=shuffle, generator=g))


def _summary(m, n, b, seed=None):
    X, y = _data(n)
    batches = _batches(m, n, b, True, seed)
    rows = [(int(r[0]) // 10, int(r[1]) - int(r[0]), int(lab))
            for xb, yb in batches for r, lab in zip(xb, yb, strict=False)]
    return {"n": n, "batch_size": b,
            "sizes": [(len(xb), len(yb)) for xb, yb in batches],
            "row shapes ok": all(xb.shape[1:] == X.shape[1:] for xb, _ in batches),
            "indices": [i for i, _, _ in rows],
            "aligned": all(d == 1 and lab == 3 * i + 7 for i, d, lab in rows)}


def verify_shuffled(got, expected):
    n, b = got["n"], got["batch_size"]
    want_sizes = [(min(b, n - s),) * 2 for s in range(0, n, b)]
    if got["sizes"] != want_sizes:
        raise AssertionError(f"with N={n}, batch_size={b}: expected batch sizes "
                             f"{[s for s, _ in want_sizes]}, got {[s for s, _ in got['sizes']]} "
                             "(X_batch and y_batch sizes must agree)")
    if not got["row shapes ok"]:
        raise AssertionError("the feature rows changed shape")
    if sorted(got["indices"]) != list(range(n)):
        raise AssertionError("every sample must appear exactly once per pass")
    if not got["aligned"]:
        raise AssertionError("features and labels got separated: use the same indices for both")
    if got["indices"] == list(range(n)):
        raise AssertionError("shuffle=True returned the samples in their original order")


def _same_seed(m):
    first = _batches(m, 30, 7, True, seed=5)
    again = _batches(m, 30, 7, True, seed=5)
    other = _batches(m, 30, 7, True, seed=6)
    same = all(torch.equal(a[1], b[1]) for a, b in zip(first, again, strict=True))
    differ = any(not torch.equal(a[1], b[1]) for a, b in zip(first, other, strict=True))
    return {"same seed, same order": same, "another seed, another order": differ}


def _epochs_differ(m):
    X, y = _data(40)
    one = torch.cat([yb for _, yb in m.minibatches(X, y, 8)])
    two = torch.cat([yb for _, yb in m.minibatches(X, y, 8)])
    return not torch.equal(one, two)


def _untouched(m):
    X, y = _data(12)
    list(m.minibatches(X, y, 5))
    return {"X": X, "y": y}


def cases(ctx):
    return [
        Case("shuffle=False: batches in order (N=10, batch_size=4)",
             lambda m: _batches(m, 10, 4, False)),
        Case("shuffle=False, N a multiple of batch_size", lambda m: _batches(m, 12, 3, False)),
        Case("shuffle=False, batch_size > N", lambda m: _batches(m, 3, 8, False)),
        Case("shuffled: sizes, every sample once, pairs kept (N=100, b=16)",
             lambda m: _summary(m, 100, 16, seed=0), verify=verify_shuffled),
        Case("shuffled with the global RNG (N=50, b=10)", lambda m: _summary(m, 50, 10),
             verify=verify_shuffled),
        Case("batch_size=1", lambda m: _summary(m, 9, 1, seed=1), verify=verify_shuffled),
        Case("the generator decides the order", _same_seed),
        Case("two epochs come in different orders", _epochs_differ),
        Case("X and y are left unchanged", _untouched),
        Case("minibatches is a generator function (it yields, it does not build a list)",
             lambda m: m.minibatches(*_data(10), 4)),
        Case("same generator seed as torch.randperm: exact batches",
             lambda m: _batches(m, 10, 3, True, seed=3)),
    ]
