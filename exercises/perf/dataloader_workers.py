"""DataLoader workers: same batches as one process, seeded, pinned only for a GPU (多进程读取数据).

With num_workers > 0 a DataLoader (数据加载器) reads samples in worker processes while
the model trains. Three things keep that reproducible and correct:

  - the shuffling order comes from the generator passed to the DataLoader
    (generator=torch.Generator().manual_seed(seed)), not from the global RNG: the same
    seed then gives the same batches whatever num_workers is, and the program's other
    random numbers are left alone. Each worker's own torch RNG is seeded from that
    generator too, so random augmentation (数据增广) in the workers is reproducible.
  - pin_memory (锁页内存) speeds up copies to a GPU; it only makes sense when the batches
    go to a CUDA device.
  - an IterableDataset (a stream) is run in EVERY worker: each worker must read its own
    share, or every sample comes num_workers times. torch.utils.data.get_worker_info()
    returns None in the main process, or an object with .id and .num_workers.

Task:
    make_loader(dataset, batch_size, num_workers, seed, device) -> DataLoader
        shuffle=True, the given batch_size and num_workers, a generator seeded with seed,
        pin_memory=True exactly when device (a string or torch.device) is a CUDA device.
        Everything else at its default. Do not reseed the global RNG.
    class ShardedRange(IterableDataset)
        ShardedRange(start, end) yields the ints start, start + 1, ..., end - 1 (in that
        order when there are no workers). With workers, split the range into contiguous
        pieces, one per worker (sizes as equal as possible), so that across all workers
        every number comes exactly once.
"""

import math  # noqa: F401

import torch  # noqa: F401
from torch.utils.data import DataLoader, IterableDataset, get_worker_info  # noqa: F401


def make_loader(dataset, batch_size: int, num_workers: int, seed: int, device) -> DataLoader:
    # TODO: DataLoader(shuffle=True, generator seeded, pin_memory only for cuda)
    raise NotImplementedError


class ShardedRange(IterableDataset):
    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start, self.end = start, end

    def __iter__(self):
        # TODO: the whole range without workers; this worker's contiguous piece otherwise
        raise NotImplementedError
