"""A collate_fn that pads variable-length sequences (填充变长序列的 collate_fn).

`DataLoader` gathers `batch_size` samples into a list and hands it to its `collate_fn`
(整理函数), which must build batch tensors. The default one stacks samples, which fails
when sequences (序列) have different lengths (长度). For text, pad (填充) every sequence
to the longest one in the batch with a padding value (填充值, e.g. a <pad> token id) and
also return the true lengths (有效长度), which later layers use to ignore the padding.

Task:
    pad_collate(batch, pad_value=0, sort=False) -> (padded, lengths, labels)

Inputs:
    batch      a list of B samples (seq, label): seq a tensor of shape (L_i,) or
               (L_i, F) (L_i >= 1 time steps, F features, the same F for all), label an int.
    pad_value  the value written after the end of each shorter sequence.
    sort       if True, order the batch by length, longest first; samples of equal length
               keep their original order (a stable sort, 稳定排序). If False, keep the order.
Outputs:
    padded   (B, L_max) or (B, L_max, F), the dtype of the sequences; row i holds
             sequence i followed by pad_value.
    lengths  int64 tensor (B,), the L_i (in the same order as the rows).
    labels   int64 tensor (B,).
Use it as `DataLoader(ds, batch_size=4, collate_fn=pad_collate)` (or with
functools.partial to set pad_value). `nn.utils.rnn.pad_sequence(..., batch_first=True)`
does the padding part; you may use it or write the loop yourself.
"""

import torch


def pad_collate(batch: list[tuple[torch.Tensor, int]], pad_value: float = 0,
                sort: bool = False) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # TODO: optionally sort by length (stable, longest first), then pad to the longest
    # TODO: return (padded, lengths, labels), lengths and labels as int64 tensors
    raise NotImplementedError
