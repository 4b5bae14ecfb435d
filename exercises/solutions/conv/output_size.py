"""Reference solution: conv/output_size."""


def conv2d_out(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
               dilation: int = 1) -> int:
    return (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1


def pool2d_out(size: int, kernel_size: int, stride: int | None = None, padding: int = 0,
               dilation: int = 1, ceil_mode: bool = False) -> int:
    stride = kernel_size if stride is None else stride
    span = size + 2 * padding - dilation * (kernel_size - 1) - 1
    if not ceil_mode:
        return span // stride + 1
    out = -(-span // stride) + 1  # ceiling division
    if (out - 1) * stride >= size + padding:  # the last window would start in the padding
        out -= 1
    return out
