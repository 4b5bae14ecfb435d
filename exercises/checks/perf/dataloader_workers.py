import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info

from studykit.grading.kit import Case, plain_words


class Squares(Dataset):
    """Sample i is (i, i * i): the batches show the order."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return torch.tensor(i), torch.tensor(i * i)


class Noisy(Squares):
    """Random augmentation drawn from the torch RNG of the process that reads the sample."""

    def __getitem__(self, i):
        return torch.tensor(float(i)) + torch.rand(()), torch.tensor(i)


def _settings(m, device, workers=2):
    loader = m.make_loader(Squares(10), 4, workers, 0, device)
    if not isinstance(loader, DataLoader):
        raise AssertionError(f"make_loader returned {type(loader).__name__}, not a DataLoader")
    return {"batch_size": loader.batch_size, "num_workers": loader.num_workers,
            "pin_memory": loader.pin_memory, "drop_last": loader.drop_last,
            "shuffles": type(loader.sampler).__name__ == "RandomSampler"}


def _drain(loader, pick=lambda b: b):
    """Every batch, picked; a failure in a worker becomes a plain message, and the failed
    iterator's workers are stopped at once (left to the garbage collector they linger)."""
    it = iter(loader)
    try:
        return [pick(b) for b in it]
    except Exception as exc:  # noqa: BLE001 - raised again below in plain words
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        if "NotImplementedError" in str(exc) or isinstance(exc, NotImplementedError):
            error = "not implemented yet: replace the `raise NotImplementedError` at the TODO"
        else:
            error = f"{type(exc).__name__} while reading batches: {lines[-1] if lines else ''}"
    shutdown = getattr(it, "_shutdown_workers", None)
    if shutdown is not None:
        shutdown()
    raise AssertionError(error)


def _batches(loader):
    return _drain(loader, lambda b: b[0].tolist())


def _order(m, workers, seed):
    return _batches(m.make_loader(Squares(23), 5, workers, seed, "cpu"))


def _workers_agree(m):
    one = _order(m, 0, 7)
    two = _order(m, 2, 7)
    return {"num_workers=0": one, "num_workers=2 equals num_workers=0": one == two}


def _global_rng(m):
    torch.manual_seed(1234)
    before = torch.get_rng_state()
    _batches(m.make_loader(Squares(12), 4, 0, 3, "cpu"))
    return {"global RNG untouched": torch.equal(before, torch.get_rng_state())}


def _augmentation(m):
    def run(seed):
        return _drain(m.make_loader(Noisy(12), 4, 2, seed, "cpu"), lambda b: b[0].tolist())

    first, again, other = run(5), run(5), run(6)
    return {"same seed, same augmented batches": first == again,
            "another seed, other batches": first != other}


def _tag_worker(batch):
    """collate_fn, run in the worker that read the batch: (worker id, the numbers)."""
    info = get_worker_info()
    return (-1 if info is None else info.id), [int(v) for v in batch]


def _sharded(m, start, end, workers, batch_size=3):
    list(m.ShardedRange(start, end))  # fails here, without workers, if __iter__ is missing
    loader = DataLoader(m.ShardedRange(start, end), batch_size=batch_size,
                        num_workers=workers, collate_fn=_tag_worker)
    tagged = _drain(loader)
    per_worker = [sum(len(values) for worker, values in tagged if worker == w)
                  for w in range(workers)]
    return {"workers": workers, "items": [v for _, values in tagged for v in values],
            "want": list(range(start, end)), "read by each worker": per_worker}


@plain_words
def verify_sharded(got, expected):
    items, want, workers = got["items"], got["want"], got["workers"]
    if workers == 0:
        if items != want:
            raise AssertionError(f"without workers expected {want}, got {items}")
        return
    dupes = sorted({v for v in items if items.count(v) > 1})
    if dupes:
        raise AssertionError(f"with {workers} workers these came more than once: {dupes}: "
                             "each worker must read only its own piece (get_worker_info)")
    missing = sorted(set(want) - set(items))
    if missing:
        raise AssertionError(f"with {workers} workers these never came: {missing}")
    if sorted(items) != want:
        raise AssertionError(f"with {workers} workers got {sorted(items)}, expected {want}")
    shares = got["read by each worker"]
    if max(shares) - min(shares) > 1:
        raise AssertionError(f"with {workers} workers they read {shares} numbers each: give "
                             "every worker a piece of (nearly) equal size")


def cases(ctx):
    return [
        Case("settings for the CPU: shuffle, batch size, workers, no pin_memory",
             lambda m: _settings(m, "cpu")),
        Case("pin_memory for 'cuda'", lambda m: _settings(m, "cuda")),
        Case("pin_memory for torch.device('cuda:0'), no workers",
             lambda m: _settings(m, torch.device("cuda:0"), workers=0)),
        Case("the generator decides the order (seed 7, num_workers=0)",
             lambda m: _order(m, 0, 7)),
        Case("another seed gives the batches of that seed", lambda m: _order(m, 0, 8)),
        Case("num_workers=2 gives the same batches as num_workers=0",
             _workers_agree),
        Case("make_loader leaves the global RNG alone", _global_rng),
        Case("random augmentation in 2 workers is reproducible from the seed", _augmentation),
        Case("ShardedRange(0, 10) without workers, in order",
             lambda m: _sharded(m, 0, 10, 0), verify="verify_sharded"),
        Case("ShardedRange(3, 20) with 2 workers: every number once",
             lambda m: _sharded(m, 3, 20, 2), verify="verify_sharded"),
        Case("ShardedRange(0, 7) with 2 workers (uneven pieces)",
             lambda m: _sharded(m, 0, 7, 2), verify="verify_sharded"),
        Case("ShardedRange(5, 6) with 2 workers (more workers than numbers)",
             lambda m: _sharded(m, 5, 6, 2, batch_size=1), verify="verify_sharded"),
    ]
