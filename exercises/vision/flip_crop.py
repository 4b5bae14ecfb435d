"""Image augmentation you can replay: flips and crops with a seeded generator (图像增广).

Image augmentation (图像增广, 数据增强) makes random changes to the training images
(flipping, cropping, colour changes), so the model sees more varied examples and
overfits less (减轻过拟合). Flipping left-right (左右翻转) keeps the meaning of most
photos; flipping upside-down (上下翻转) much less often. Random cropping (随机裁剪)
makes the model less sensitive to where the object is; the centre crop (中心裁剪) is
what evaluation uses instead. Drawing the random numbers from a torch.Generator makes an
augmentation reproducible: the same seed gives the same images.

Images are tensors (..., H, W): (C, H, W) for one image, (B, C, H, W) for a batch, any
dtype (float or uint8). A crop size is a pair (h, w) with 1 <= h <= H and 1 <= w <= W;
a crop that does not fit raises ValueError (not a smaller crop).

Task:
    hflip(img) -> img flipped left-right: the columns (the last dim) in reverse order
    vflip(img) -> img flipped upside-down: the rows (dim -2) in reverse order
    center_crop(img, size) -> (..., h, w): rows top .. top + h - 1, columns
        left .. left + w - 1, with top = (H - h) // 2 and left = (W - w) // 2
    random_crop(img, size, generator) -> (..., h, w), the crop at
        top  = torch.randint(0, H - h + 1, (1,), generator=generator).item(), then
        left = torch.randint(0, W - w + 1, (1,), generator=generator).item()
        (in this order: top first), so every position can be chosen
    augment_batch(images, size, generator, p=0.5) -> (B, C, h, w)
        for each image of the (B, C, H, W) batch, in order:
            u = torch.rand(1, generator=generator).item()   (drawn even when p is 0 or 1)
            flip it left-right when u < p,
            then random_crop it to size with the same generator.
The inputs are never changed (the results may be new tensors or views of them).
"""

import torch


def hflip(img: torch.Tensor) -> torch.Tensor:
    # TODO: reverse the last dim
    raise NotImplementedError


def vflip(img: torch.Tensor) -> torch.Tensor:
    # TODO: reverse dim -2
    raise NotImplementedError


def center_crop(img: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    # TODO: check that the crop fits (ValueError), then slice the middle
    raise NotImplementedError


def random_crop(img: torch.Tensor, size: tuple[int, int],
                generator: torch.Generator) -> torch.Tensor:
    # TODO: check the size, draw top then left with the generator, slice
    raise NotImplementedError


def augment_batch(images: torch.Tensor, size: tuple[int, int], generator: torch.Generator,
                  p: float = 0.5) -> torch.Tensor:
    # TODO: per image: draw u, flip when u < p, random crop; stack the results
    raise NotImplementedError
