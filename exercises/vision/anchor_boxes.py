"""Anchor boxes centred on every pixel (锚框, d2l's multibox_prior).

Many detectors (SSD, Faster R-CNN) start from a fixed set of anchor boxes (锚框): at
every pixel (像素) of a feature map or image, several boxes of different sizes (缩放比)
and aspect ratios (宽高比) centred on that pixel. The network then predicts, per anchor,
a class and an offset (偏移量) that moves the anchor onto the object.

With n sizes s_1..s_n (fractions of the image, in (0, 1]) and m ratios r_1..r_m, using
every (size, ratio) pair would give n * m anchors per pixel. To keep it cheap, only the
pairs that contain s_1 or r_1 are used, n + m - 1 per pixel, in this order:
    (s_1, r_1), (s_2, r_1), ..., (s_n, r_1), (s_1, r_2), (s_1, r_3), ..., (s_1, r_m)

Sizes: on an image of H x W pixels, the anchor for (s, r) is s * sqrt(r) * H pixels wide
and s / sqrt(r) * H pixels high (so width / height = r in pixels; sizes are fractions of
the image height). The result uses normalised coordinates (x divided by W, y divided by
H), where that anchor is  s * sqrt(r) * H / W  wide and  s / sqrt(r)  high.
Centres: the pixel in row i and column j has its centre at ((j + 0.5) / W, (i + 0.5) / H).

Task:
    multibox_prior(data, sizes, ratios) -> (1, H * W * (n + m - 1), 4) float32 tensor
        data: a (batch, channels, H, W) tensor (only its H, W and device are used);
        sizes, ratios: lists of floats. Anchors in corner format (x1, y1, x2, y2),
        normalised, on data's device; ordered pixel by pixel (row 0 from left to right,
        then row 1, ...), and within a pixel in the order above. Anchors may reach
        outside [0, 1].
    anchors_at(anchors, H, W, i, j) -> (n + m - 1, 4)
        the anchors centred on the pixel in row i, column j, from multibox_prior's
        output (a reshape (变形), no loop).
"""

import torch


def multibox_prior(data: torch.Tensor, sizes: list[float],
                   ratios: list[float]) -> torch.Tensor:
    # TODO: normalised widths and heights of the n + m - 1 anchor shapes
    # TODO: the centre of every pixel, row by row
    # TODO: every centre combined with every anchor shape, in corner format
    raise NotImplementedError


def anchors_at(anchors: torch.Tensor, H: int, W: int, i: int, j: int) -> torch.Tensor:
    # TODO: view the anchors per row, column and shape, and pick one pixel
    raise NotImplementedError
