"""Output size of Conv2d and MaxPool2d (输出尺寸: 填充, 步幅, 空洞).

Along one spatial dimension of size n, a convolution (卷积) with kernel size k,
padding (填充) p on both sides, stride (步幅) s and dilation (空洞/膨胀) d produces

    out = floor((n + 2p - d*(k - 1) - 1) / s) + 1

(a dilated kernel covers d*(k - 1) + 1 input positions). Pooling (池化) layers such as
nn.MaxPool2d use the same formula, with two differences:
* the stride defaults to the kernel size (stride=None means stride = kernel_size);
* with ceil_mode=True the division rounds UP instead of down, but a window must start
  inside the input or the left padding: if (out - 1) * s >= n + p, the last window is
  dropped (out decreases by 1).

Task (one spatial dimension at a time; the check applies your function to the height and
the width separately and compares with the real nn.Conv2d / nn.MaxPool2d):
    conv2d_out(size, kernel_size, stride=1, padding=0, dilation=1) -> int
    pool2d_out(size, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False) -> int

Inputs:  positive ints (padding >= 0); every configuration used gives out >= 1.
Outputs: a Python int. Use integer arithmetic (// and a ceiling division), no torch.
"""


def conv2d_out(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
               dilation: int = 1) -> int:
    # TODO: floor((n + 2p - d(k-1) - 1) / s) + 1
    raise NotImplementedError


def pool2d_out(size: int, kernel_size: int, stride: int | None = None, padding: int = 0,
               dilation: int = 1, ceil_mode: bool = False) -> int:
    # TODO: like conv2d_out, stride defaults to kernel_size, plus the ceil_mode rule
    raise NotImplementedError
