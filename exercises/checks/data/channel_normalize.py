import torch

from studykit.grading.kit import Case


def _stats(m, x):
    mean, std = m.channel_stats(x)
    return {"mean": mean, "std": std}


def _round_trip(m, x):
    y = m.normalize(x, *m.channel_stats(x))
    return {"normalized": y, "channel means": y.mean(dim=(0, 2, 3)),
            "channel stds": y.std(dim=(0, 2, 3), unbiased=False)}


def cases(ctx):
    imgs = ctx.rand(8, 3, 5, 4, seed=1, dtype=torch.float64)
    scales = ctx.tensor([1.0, 10.0, 0.1], dtype=torch.float64).view(1, 3, 1, 1)
    offsets = ctx.tensor([0.0, -5.0, 100.0], dtype=torch.float64).view(1, 3, 1, 1)
    varied = imgs * scales + offsets
    square = ctx.randn(2, 3, 3, 3, seed=2) * 2 + 1  # W == C: wrong broadcasting runs silently
    mean3 = ctx.tensor([0.485, 0.456, 0.406])
    std3 = ctx.tensor([0.229, 0.224, 0.225])
    grey = ctx.rand(4, 1, 6, 6, seed=3)
    half = ctx.tensor([0.5])
    one_image = ctx.rand(3, 7, 2, seed=4)
    return [
        Case("channel_stats of 8 RGB images (float64)", lambda m: _stats(m, varied),
             inputs=(varied,)),
        Case("channel_stats when W == C", lambda m: _stats(m, square)),
        Case("channel_stats of a single image (N=1)", lambda m: _stats(m, varied[:1])),
        Case("normalize with ImageNet mean/std", lambda m: m.normalize(square, mean3, std3),),
        Case("normalize a single (C, H, W) image",
             lambda m: m.normalize(one_image, mean3, std3),),
        Case("grey images, Normalize([0.5], [0.5]) maps [0, 1] to [-1, 1]",
             lambda m: m.normalize(grey, half, half)),
        Case("after normalizing with its own stats: channel mean 0, std 1",
             lambda m: _round_trip(m, varied)),
    ]
