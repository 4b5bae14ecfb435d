"""A custom Dataset over tensors (自定义数据集: Dataset).

A map-style dataset (数据集) subclasses `torch.utils.data.Dataset` and implements two
methods: `__len__` (the number of samples, 样本数) and `__getitem__` (one sample (样本)
and its label (标签) for an index (索引)). It returns ONE sample at a time; batching,
shuffling (打乱) and so on are the job of `DataLoader` (数据加载器).

Task:
    class PairDataset(Dataset)
        __init__(X, y, transform=None)
            X: features (特征), a tensor (N, ...); y: labels, a tensor (N,).
            Raise ValueError if X and y have different lengths (first dimension).
            transform (变换): an optional function applied to each feature tensor.
        __len__() -> N
        __getitem__(i) -> (x_i, y_i)   a tuple; x_i = transform(X[i]) when a transform
            was given, else X[i]. Negative indices work like for a list (i = -1 is the last).

Inputs:  e.g. X of shape (10, 3), y of shape (10,).
Outputs: len(ds) == 10; ds[0] == (X[0], y[0]); `DataLoader(ds, batch_size=4)` then yields
         batches (X_batch of shape (4, 3), y_batch of shape (4,)), the last one of size 2.
"""

from torch.utils.data import Dataset


class PairDataset(Dataset):
    def __init__(self, X, y, transform=None) -> None:
        # TODO: check the lengths match, store X, y and transform
        self.X = X

    def __len__(self) -> int:
        # TODO: the number of samples
        raise NotImplementedError

    def __getitem__(self, i):
        # TODO: return (x_i, y_i), with the transform applied to x_i when given
        raise NotImplementedError
