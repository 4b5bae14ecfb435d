"""Reference solution: conv/transposed_output_size."""


def conv_transpose2d_out(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                         output_padding: int = 0, dilation: int = 1) -> int:
    return (size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1


def output_padding_for(target: int, kernel_size: int, stride: int = 1, padding: int = 0,
                       dilation: int = 1) -> int:
    small = (target + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
    return target - conv_transpose2d_out(small, kernel_size, stride, padding, 0, dilation)
