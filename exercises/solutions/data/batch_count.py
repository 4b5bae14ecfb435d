"""Reference solution: data/batch_count."""


def num_batches(n: int, batch_size: int, drop_last: bool) -> int:
    if drop_last:
        return n // batch_size
    return (n + batch_size - 1) // batch_size


def batch_sizes(n: int, batch_size: int, drop_last: bool) -> list[int]:
    full, rest = divmod(n, batch_size)
    sizes = [batch_size] * full
    if rest and not drop_last:
        sizes.append(rest)
    return sizes
