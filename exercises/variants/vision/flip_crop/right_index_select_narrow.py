"""Flips with index_select on a reversed arange, crops with narrow, batch via a list comprehension."""

import torch


def _reverse(img, dim):
    idx = torch.arange(img.shape[dim] - 1, -1, -1, device=img.device)
    return img.index_select(dim, idx)


def hflip(img):
    return _reverse(img, img.dim() - 1)


def vflip(img):
    return _reverse(img, img.dim() - 2)


def _crop(img, top, left, h, w):
    return img.narrow(-2, top, h).narrow(-1, left, w)


def _size(img, size):
    H, W = img.shape[-2], img.shape[-1]
    h, w = size
    if h < 1 or w < 1 or h > H or w > W:
        raise ValueError(f"crop {size} does not fit {H} x {W}")
    return H, W, h, w


def center_crop(img, size):
    H, W, h, w = _size(img, size)
    return _crop(img, (H - h) // 2, (W - w) // 2, h, w)


def random_crop(img, size, generator):
    H, W, h, w = _size(img, size)
    top = int(torch.randint(H - h + 1, (1,), generator=generator)[0])
    left = int(torch.randint(W - w + 1, (1,), generator=generator)[0])
    return _crop(img, top, left, h, w)


def augment_batch(images, size, generator, p=0.5):
    def one(image):
        flip = float(torch.rand(1, generator=generator)) < p
        return random_crop(hflip(image) if flip else image, size, generator)
    return torch.stack([one(image) for image in images])
