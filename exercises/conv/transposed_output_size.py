"""Output size of ConvTranspose2d and output_padding (转置卷积的输出尺寸).

A transposed convolution (转置卷积, sometimes called 反卷积) goes the other way of a
convolution: it maps a small feature map (特征图) to a larger one. Along one dimension
of size n, with kernel size k, stride (步幅) s, padding (填充) p, dilation d and
output_padding op:

    out = (n - 1) * s - 2p + d*(k - 1) + op + 1

Why output_padding? A strided Conv2d maps several input sizes to the SAME output size
(with k=3, s=2, p=1 both 7 and 8 become 4). The transposed convolution with the same
k, s, p cannot know which one you want; output_padding (0 <= op < stride) adds the missing
rows/columns on one side to pick the larger size.

Task:
    conv_transpose2d_out(size, kernel_size, stride=1, padding=0, output_padding=0,
                         dilation=1) -> int
    output_padding_for(target, kernel_size, stride=1, padding=0, dilation=1) -> int
        A Conv2d with these settings turns size `target` into some size m. Return the
        output_padding that makes the ConvTranspose2d with the same settings turn m back
        into exactly `target`.

Inputs:  positive ints (padding, output_padding >= 0); every configuration is valid.
Outputs: Python ints (integer arithmetic only).
"""


def conv_transpose2d_out(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                         output_padding: int = 0, dilation: int = 1) -> int:
    # TODO: (n - 1)s - 2p + d(k - 1) + op + 1
    raise NotImplementedError


def output_padding_for(target: int, kernel_size: int, stride: int = 1, padding: int = 0,
                       dilation: int = 1) -> int:
    # TODO: conv size m = floor((target + 2p - d(k-1) - 1) / s) + 1, then compare the
    # transposed size of m (with op = 0) with target
    raise NotImplementedError
