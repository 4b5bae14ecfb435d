"""Worker i takes every num_workers-th number starting at start + i; loader built from a kwargs dict."""

import torch
from torch.utils.data import DataLoader, IterableDataset, get_worker_info


def make_loader(dataset, batch_size: int, num_workers: int, seed: int, device) -> DataLoader:
    generator = torch.Generator()
    generator.manual_seed(seed)
    options = {"batch_size": batch_size, "shuffle": True, "num_workers": num_workers,
               "generator": generator}
    if torch.device(device).type == "cuda":
        options["pin_memory"] = True
    return DataLoader(dataset, **options)


class ShardedRange(IterableDataset):
    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start, self.end = start, end

    def __iter__(self):
        info = get_worker_info()
        worker, workers = (0, 1) if info is None else (info.id, info.num_workers)
        yield from range(self.start + worker, self.end, workers)
