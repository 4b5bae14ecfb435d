"""augment_batch crops first and draws u afterwards."""

import torch


def hflip(img: torch.Tensor) -> torch.Tensor:
    return img.flip(-1)


def vflip(img: torch.Tensor) -> torch.Tensor:
    return img.flip(-2)


def _check_fits(img: torch.Tensor, size: tuple[int, int]) -> tuple[int, int, int, int]:
    H, W = img.shape[-2:]
    h, w = size
    if not (1 <= h <= H and 1 <= w <= W):
        raise ValueError(f"a crop of {h} x {w} does not fit an image of {H} x {W}")
    return H, W, h, w


def center_crop(img: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    H, W, h, w = _check_fits(img, size)
    top, left = (H - h) // 2, (W - w) // 2
    return img[..., top:top + h, left:left + w]


def random_crop(img: torch.Tensor, size: tuple[int, int],
                generator: torch.Generator) -> torch.Tensor:
    H, W, h, w = _check_fits(img, size)
    top = torch.randint(0, H - h + 1, (1,), generator=generator).item()
    left = torch.randint(0, W - w + 1, (1,), generator=generator).item()
    return img[..., top:top + h, left:left + w]


def augment_batch(images: torch.Tensor, size: tuple[int, int], generator: torch.Generator,
                  p: float = 0.5) -> torch.Tensor:
    out = []
    for image in images:
        image = random_crop(image, size, generator)
        if torch.rand(1, generator=generator).item() < p:
            image = hflip(image)
        out.append(image)
    return torch.stack(out)
