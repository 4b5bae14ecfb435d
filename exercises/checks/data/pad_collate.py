import functools

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

from studykit.grading.kit import Case


def _seqs(lengths, seed, features=None, dtype=torch.int64):
    g = torch.Generator().manual_seed(seed)
    out = []
    for n in lengths:
        shape = (n,) if features is None else (n, features)
        if dtype == torch.int64:
            out.append(torch.randint(1, 100, shape, generator=g))
        else:
            out.append(torch.randn(shape, generator=g, dtype=dtype))
    return out


def _batch(lengths, seed, **kw):
    return [(s, 10 + i) for i, s in enumerate(_seqs(lengths, seed, **kw))]


def _collate(m, batch, **kw):
    padded, lengths, labels = m.pad_collate(batch, **kw)
    return {"padded": padded, "lengths": lengths, "labels": labels}


def _matches_pad_sequence(m, batch, pad_value):
    padded, _, _ = m.pad_collate(batch, pad_value=pad_value)
    want = pad_sequence([s for s, _ in batch], batch_first=True, padding_value=pad_value)
    return {"same shape": tuple(padded.shape) == tuple(want.shape),
            "same values": padded.shape == want.shape and bool(torch.equal(padded, want))}


def _loader(m, batch):
    loader = DataLoader(batch, batch_size=3, shuffle=False,
                        collate_fn=functools.partial(m.pad_collate, pad_value=-1))
    return [{"padded": p, "lengths": n, "labels": y} for p, n, y in loader]


def _untouched(m, batch):
    before = [(s.clone(), y) for s, y in batch]
    m.pad_collate(batch, pad_value=0, sort=True)
    return {"order kept": [y for _, y in batch] == [y for _, y in before],
            "sequences kept": all(torch.equal(s, b) for (s, _), (b, _) in
                                  zip(batch, before, strict=True))}


def cases(ctx):
    return [
        Case("token ids, lengths 3, 5, 2 (pad 0)",
             lambda m: _collate(m, _batch([3, 5, 2], 1))),
        Case("pad_value=-1", lambda m: _collate(m, _batch([3, 5, 2], 1), pad_value=-1)),
        Case("sort=True: longest first", lambda m: _collate(m, _batch([3, 5, 2, 4], 2),
                                                           sort=True)),
        Case("sort=True keeps equal lengths in their original order",
             lambda m: _collate(m, _batch([2, 4, 2, 4, 1, 4], 3), sort=True)),
        Case("sort=False keeps the original order",
             lambda m: _collate(m, _batch([2, 4, 2, 4, 1, 4], 3), sort=False)),
        Case("feature sequences (L_i, 3), float, pad 0.0",
             lambda m: _collate(m, _batch([4, 1, 6], 4, features=3, dtype=torch.float32),
                                pad_value=0.0)),
        Case("feature sequences sorted, float64, pad -9.5",
             lambda m: _collate(m, _batch([2, 5, 3], 5, features=2, dtype=torch.float64),
                                pad_value=-9.5, sort=True)),
        Case("all the same length: nothing to pad", lambda m: _collate(m, _batch([4, 4], 6))),
        Case("a batch of one", lambda m: _collate(m, _batch([5], 7))),
        Case("padding agrees with nn.utils.rnn.pad_sequence",
             lambda m: _matches_pad_sequence(m, _batch([7, 3, 1, 4], 8), 5)),
        Case("as a DataLoader collate_fn (batches of 3, pad -1)",
             lambda m: _loader(m, _batch([3, 1, 4, 1, 5, 9, 2], 9))),
        Case("the input list and sequences are left unchanged",
             lambda m: _untouched(m, _batch([1, 3, 2], 10))),
    ]
