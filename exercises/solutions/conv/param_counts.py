"""Reference solution: conv/param_counts."""


def conv_params(c_in: int, c_out: int, kernel_size: int, bias: bool = True) -> int:
    return c_out * c_in * kernel_size * kernel_size + (c_out if bias else 0)


def stacked_vs_single(channels: int, bias: bool = True) -> tuple[int, int]:
    return 3 * conv_params(channels, channels, 3, bias), conv_params(channels, channels, 7, bias)


def conv_macs(c_in: int, c_out: int, kernel_size: int, h_out: int, w_out: int) -> int:
    return c_out * h_out * w_out * c_in * kernel_size * kernel_size
