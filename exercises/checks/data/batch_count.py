import torch
from torch.utils.data import DataLoader, TensorDataset

from studykit.grading.kit import Case

SETTINGS = [  # (n, batch_size, drop_last)
    (10, 3, False), (10, 3, True), (12, 4, False), (12, 4, True), (3, 5, False),
    (3, 5, True), (0, 4, False), (1, 1, True), (1000, 64, False), (1000, 64, True),
    (7, 7, True), (8, 7, False),
]


def _loader_sizes(n, batch_size, drop_last):
    loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=batch_size,
                        drop_last=drop_last)
    return [len(xb) for (xb,) in loader]


def _compare(m, fn, n, batch_size, drop_last):
    actual = _loader_sizes(n, batch_size, drop_last)
    return {"call": f"{fn}({n}, {batch_size}, drop_last={drop_last})",
            "yours": getattr(m, fn)(n, batch_size, drop_last),
            "DataLoader": len(actual) if fn == "num_batches" else actual}


def verify_loader(got, expected):
    yours, want = got["yours"], got["DataLoader"]
    if isinstance(want, int):
        ok = type(yours) is int and yours == want
        what = f"a DataLoader yields {want} batches"
    else:
        ok = isinstance(yours, list) and all(type(v) is int for v in yours) and yours == want
        what = f"a DataLoader yields batches of sizes {want}"
    if not ok:
        raise AssertionError(f"{got['call']} returned {yours!r}, but {what}")


def cases(ctx):
    out = []
    for fn in ("num_batches", "batch_sizes"):
        for n, b, drop in SETTINGS:
            out.append(Case(f"{fn}: n={n}, batch_size={b}, drop_last={drop}",
                            lambda m, fn=fn, n=n, b=b, drop=drop: _compare(m, fn, n, b, drop),
                            verify=verify_loader))
    return out
