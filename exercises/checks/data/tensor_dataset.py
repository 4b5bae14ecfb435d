from torch.utils.data import DataLoader, Dataset

from studykit.grading.kit import Case


def _double(x):
    return x * 2


def _batches(m, X, y, **kw):
    loader = DataLoader(m.PairDataset(X, y), **kw)
    return [(xb, yb) for xb, yb in loader]


def _mismatch(m, X, y):
    try:
        m.PairDataset(X, y[:-1])
    except ValueError:
        return "ValueError"
    return "no ValueError for 10 features and 9 labels"


def _item(m, X, y, i, **kw):
    item = m.PairDataset(X, y, **kw)[i]
    if not isinstance(item, tuple):
        return f"__getitem__ returned a {type(item).__name__}, not a tuple"
    return item


def _every_item(m, X, y):
    ds = m.PairDataset(X, y)
    return [ds[i] for i in range(len(ds))]


def cases(ctx):
    X = ctx.randn(10, 3, seed=1)
    y = ctx.randint(0, 5, (10,), seed=2)
    imgs = ctx.rand(6, 1, 4, 4, seed=3)
    labels = ctx.randint(0, 10, (6,), seed=4)
    return [
        Case("is a torch Dataset", lambda m: isinstance(m.PairDataset(X, y), Dataset)),
        Case("len() is the number of samples", lambda m: len(m.PairDataset(X, y))),
        Case("ds[0] is (X[0], y[0])", lambda m: _item(m, X, y, 0),),
        Case("ds[7]", lambda m: _item(m, X, y, 7)),
        Case("ds[-1] is the last sample", lambda m: _item(m, X, y, -1)),
        Case("every item", lambda m: _every_item(m, X, y)),
        Case("image samples (1, 4, 4)", lambda m: _item(m, imgs, labels, 5)),
        Case("the transform is applied to the features only",
             lambda m: _item(m, X, y, 2, transform=_double),),
        Case("different lengths raise ValueError", lambda m: _mismatch(m, X, y)),
        Case("DataLoader(batch_size=4) batches: 4 + 4 + 2",
             lambda m: _batches(m, X, y, batch_size=4)),
        Case("DataLoader(batch_size=3, drop_last=True)",
             lambda m: _batches(m, imgs, labels, batch_size=3, drop_last=True)),
    ]
