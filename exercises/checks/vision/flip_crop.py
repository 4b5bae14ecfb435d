import torch

from studykit.grading.kit import Case, plain_words


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _image(ctx, *shape, seed):
    return ctx.randn(*shape, seed=seed)


def _error(call):
    try:
        call()
    except ValueError:
        return "ValueError"
    except Exception as exc:  # noqa: BLE001 - reported to the learner by name
        return type(exc).__name__
    return "no error"


def verify_error(got, expected):
    if got != "ValueError":
        what = "returned a result" if got == "no error" else f"raised {got}"
        raise AssertionError(f"a crop that does not fit the image must raise ValueError; "
                             f"yours {what}")


def _random_crop(m, img, size, seed):
    g = _gen(seed)
    crop = m.random_crop(img, size, g)
    return {"crop": crop, "next draw": torch.rand(1, generator=g)}


def _positions(m, H, W, h, w, draws=120):
    """Which (top, left) the crops come from: an image whose value is its row * 100 + col."""
    img = (torch.arange(H)[:, None] * 100 + torch.arange(W)).float()[None]
    g = _gen(3)
    seen = set()
    for _ in range(draws):
        corner = int(m.random_crop(img, (h, w), g)[0, 0, 0])
        seen.add((corner // 100, corner % 100))
    return {"tops": sorted({t for t, _ in seen}), "lefts": sorted({c for _, c in seen})}


@plain_words
def verify_positions(got, expected):
    for key, what in (("tops", "top"), ("lefts", "left")):
        if got[key] != expected[key]:
            raise AssertionError(f"over 120 crops the {what} positions were {got[key]}, "
                                 f"expected every one of {expected[key]}: "
                                 "torch.randint's upper bound is exclusive, use H - h + 1")


def _global_rng(m, img, size):
    """The same generator seed after different global seeds must give the same crops."""
    torch.manual_seed(1)
    a = m.augment_batch(img, size, _gen(9))
    torch.manual_seed(2)
    b = m.augment_batch(img, size, _gen(9))
    return bool(torch.equal(a, b))


def verify_global(got, expected):
    if not got:
        raise AssertionError("the same generator seed gave different images after a change "
                             "of torch.manual_seed: draw every random number from the "
                             "generator you are given")


def _augment(m, images, size, seed, p=0.5):
    g = _gen(seed)
    out = m.augment_batch(images, size, g, p)
    return {"images": out, "next draw": torch.rand(1, generator=g)}


def _first_u(seed):
    return torch.rand(1, generator=_gen(seed)).item()


def cases(ctx):
    img = torch.arange(60.0).reshape(3, 4, 5).to(ctx.device)
    batch = _image(ctx, 2, 3, 4, 5, seed=1)
    photo = torch.randint(0, 256, (3, 7, 8), generator=_gen(2), dtype=torch.uint8)
    square = _image(ctx, 1, 5, 5, seed=3)
    images = _image(ctx, 6, 3, 8, 10, seed=4)
    uint_batch = torch.randint(0, 256, (4, 3, 6, 6), generator=_gen(5), dtype=torch.uint8)
    return [
        Case("hflip of a 3 x 4 x 5 image", lambda m: m.hflip(img), inputs=(img,)),
        Case("vflip of a 3 x 4 x 5 image", lambda m: m.vflip(img), inputs=(img,)),
        Case("hflip and vflip of a (2, 3, 4, 5) batch", lambda m: (m.hflip(batch),
                                                                    m.vflip(batch))),
        Case("hflip of a uint8 image keeps uint8", lambda m: m.hflip(photo)),
        Case("center_crop (4, 4) of a 7 x 8 image (odd margin: top 1, left 2)",
             lambda m: m.center_crop(photo, (4, 4)), inputs=(photo,)),
        Case("center_crop (3, 3) of 5 x 5, and the full size", lambda m: (
            m.center_crop(square, (3, 3)), m.center_crop(square, (5, 5)))),
        Case("center_crop (2, 5) of a (2, 3, 4, 5) batch", lambda m: m.center_crop(batch,
                                                                                  (2, 5))),
        Case("center_crop larger than the image raises ValueError",
             lambda m: _error(lambda: m.center_crop(img, (5, 3))), verify="verify_error"),
        Case("random_crop (2, 3) of 3 x 4 x 5, seed 0, and the generator's next draw",
             lambda m: _random_crop(m, img, (2, 3), 0), inputs=(img,)),
        Case("random_crop (4, 4) of a uint8 7 x 8 image, seed 1",
             lambda m: _random_crop(m, photo, (4, 4), 1)),
        Case("random_crop of the full size is the image",
             lambda m: _random_crop(m, img, (4, 5), 2)),
        Case("random_crop reaches every top and left position",
             lambda m: _positions(m, 4, 5, 2, 2), verify="verify_positions"),
        Case("random_crop larger than the image raises ValueError",
             lambda m: _error(lambda: m.random_crop(img, (2, 6), _gen(0))),
             verify="verify_error"),
        Case("augment_batch: 6 images, crop (5, 6), seed 10",
             lambda m: _augment(m, images, (5, 6), 10), inputs=(images,)),
        Case("augment_batch: seed 11, p = 0.8",
             lambda m: _augment(m, images, (8, 7), 11, p=0.8)),
        Case("augment_batch with p = 0: no flips, but u is still drawn",
             lambda m: _augment(m, images, (4, 4), 12, p=0.0)),
        Case("augment_batch with p = 1: every image flipped",
             lambda m: _augment(m, images, (4, 4), 13, p=1.0)),
        Case("augment_batch with the default p (0.5), seed 15",
             lambda m: {"images": m.augment_batch(images, (6, 6), _gen(15))}),
        Case("p exactly equal to the first u: that image is not flipped (u < p is strict)",
             lambda m: _augment(m, images[:1], (8, 10), 16, p=_first_u(16))),
        Case("augment_batch of uint8 images, seed 14",
             lambda m: _augment(m, uint_batch, (3, 5), 14), inputs=(uint_batch,)),
        Case("only the given generator decides (not torch.manual_seed)",
             lambda m: _global_rng(m, images, (5, 5)), verify="verify_global"),
    ]
