"""Per-channel normalisation of images (按通道标准化 / Normalize).

Image pipelines standardise (标准化 / 归一化) every colour channel (通道) separately:
compute the channel's mean (均值) and standard deviation (标准差) over the whole training
set, then map each pixel value v of channel c to (v - mean[c]) / std[c]. This is what
`torchvision.transforms.Normalize(mean, std)` does, e.g. Normalize([0.5], [0.5]) for a
grey (one-channel) image maps [0, 1] to [-1, 1].

Task:
    channel_stats(x) -> (mean, std)
        x: images (N, C, H, W). mean and std have shape (C,): the statistics of all
        N*H*W values of each channel. std is the population standard deviation
        (divide by N*H*W, i.e. `unbiased=False` / `correction=0`).
    normalize(x, mean, std) -> tensor
        x: images (N, C, H, W) or one image (C, H, W); mean, std: tensors of shape (C,).
        Returns (x - mean[c]) / std[c] for every value of channel c, with x's shape and
        dtype. Channel is axis -3, NOT the last axis: reshape mean/std to (C, 1, 1) so
        they broadcast (广播) correctly. Do not change x in place.

After `normalize(x, *channel_stats(x))`, every channel has mean 0 and std 1.
"""

import torch


def channel_stats(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: mean and population std over dims (0, 2, 3), one value per channel
    raise NotImplementedError


def normalize(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    # TODO: subtract mean and divide by std, broadcasting over H and W
    raise NotImplementedError
