"""Reference solution: data/pad_collate."""

import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch: list[tuple[torch.Tensor, int]], pad_value: float = 0,
                sort: bool = False) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    if sort:
        batch = sorted(batch, key=lambda item: len(item[0]), reverse=True)  # stable
    seqs = [seq for seq, _ in batch]
    padded = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    lengths = torch.tensor([len(seq) for seq in seqs])  # Python ints: int64
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
