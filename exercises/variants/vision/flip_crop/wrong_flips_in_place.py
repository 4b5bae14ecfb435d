"""augment_batch flips the images in the given batch itself (images[i] = ...)."""

import torch


def hflip(img):
    return img.flip(-1)


def vflip(img):
    return img.flip(-2)


def center_crop(img, size):
    H, W = img.shape[-2:]
    h, w = size
    if h > H or w > W:
        raise ValueError("the crop does not fit")
    top, left = (H - h) // 2, (W - w) // 2
    return img[..., top:top + h, left:left + w]


def random_crop(img, size, generator):
    H, W = img.shape[-2:]
    h, w = size
    if h > H or w > W:
        raise ValueError("the crop does not fit")
    top = torch.randint(0, H - h + 1, (1,), generator=generator).item()
    left = torch.randint(0, W - w + 1, (1,), generator=generator).item()
    return img[..., top:top + h, left:left + w]


def augment_batch(images, size, generator, p=0.5):
    out = []
    for i in range(len(images)):
        if torch.rand(1, generator=generator).item() < p:
            images[i] = hflip(images[i])
        out.append(random_crop(images[i], size, generator))
    return torch.stack(out)
