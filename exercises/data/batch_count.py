"""How many mini-batches does a DataLoader yield? (小批量个数与 drop_last)

`DataLoader(dataset, batch_size=b)` cuts N samples (样本) into mini-batches (小批量) of b.
When N is not a multiple of b, the last batch is smaller; with `drop_last=True` that
incomplete last batch (不足一个批量的数据) is dropped (丢弃) instead.

Task:
    num_batches(n, batch_size, drop_last) -> int
        the number of batches one pass (one epoch, 一个迭代周期) yields, i.e. len(loader).
    batch_sizes(n, batch_size, drop_last) -> list[int]
        the size of every batch in order, e.g. batch_sizes(10, 4, False) == [4, 4, 2]
        and batch_sizes(10, 4, True) == [4, 4].

Inputs:  n >= 0 samples (n may be 0 or smaller than batch_size), batch_size >= 1,
         drop_last a bool.
Outputs: a Python int, and a list of Python ints. Do not build a DataLoader: use integer
         arithmetic (整除 //, 取余 %).
"""


def num_batches(n: int, batch_size: int, drop_last: bool) -> int:
    # TODO: floor division when dropping the last partial batch, ceiling division otherwise
    raise NotImplementedError


def batch_sizes(n: int, batch_size: int, drop_last: bool) -> list[int]:
    # TODO: full batches of batch_size, plus the remainder unless drop_last (or it is 0)
    raise NotImplementedError
