"""Reference solution: data/tensor_dataset."""

from torch.utils.data import Dataset


class PairDataset(Dataset):
    def __init__(self, X, y, transform=None) -> None:
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
        self.X = X
        self.y = y
        self.transform = transform

    def __len__(self) -> int:
        return len(self.X)

    def __getitem__(self, i):
        x = self.X[i]
        if self.transform is not None:
            x = self.transform(x)
        return x, self.y[i]
