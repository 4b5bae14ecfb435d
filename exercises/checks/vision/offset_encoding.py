import torch

from studykit.grading.kit import Case, plain_words

F64 = torch.float64


def _boxes(ctx, n, seed, dtype=torch.float32):
    xy = 0.6 * ctx.rand(n, 2, seed=seed, dtype=dtype)
    wh = 0.1 + 0.3 * ctx.rand(n, 2, seed=seed + 1, dtype=dtype)
    return torch.cat((xy, xy + wh), dim=1)


def _round_trip(m, anchors, boxes):
    back = m.offset_inverse(anchors, m.offset_boxes(anchors, boxes))
    return {"error": (back - boxes).abs().max().item(), "back": back}


@plain_words
def verify_round_trip(got, expected):
    if got["error"] > 1e-4:
        raise AssertionError(f"offset_inverse(anchors, offset_boxes(anchors, boxes)) is off "
                             f"from the boxes by up to {got['error']:.3g}: decoding must undo "
                             "encoding and return corner-format boxes")
    torch.testing.assert_close(got["back"], expected["back"], rtol=1e-4, atol=1e-5)


def _targets(m, anchors, truth, assignment):
    offsets, mask = m.target_offsets(anchors, truth, assignment)
    return {"offsets": offsets, "mask": mask,
            "finite": bool(torch.isfinite(offsets).all())}


@plain_words
def verify_targets(got, expected):
    mask, want_mask = got["mask"], expected["mask"]
    if not isinstance(mask, torch.Tensor) or tuple(mask.shape) != tuple(want_mask.shape):
        shape = tuple(mask.shape) if isinstance(mask, torch.Tensor) else type(mask).__name__
        raise AssertionError(f"the mask must be a tensor of shape {tuple(want_mask.shape)} "
                             f"(all four columns of each anchor), got {shape}")
    if mask.dtype != want_mask.dtype:
        raise AssertionError(f"the mask must be a float tensor ({want_mask.dtype}), got "
                             f"{mask.dtype}: it multiplies the offsets and the loss")
    if not torch.equal(mask, want_mask):
        raise AssertionError("the mask must be 1.0 for assigned anchors, 0.0 for background")
    if not got["finite"]:
        raise AssertionError("some offsets are inf or NaN: multiply by the mask so that "
                             "background anchors get 0")
    offsets, want = got["offsets"], expected["offsets"]
    if tuple(offsets.shape) != tuple(want.shape):
        raise AssertionError(f"offsets must have shape {tuple(want.shape)}, got "
                             f"{tuple(offsets.shape)}")
    background = want_mask[:, 0] == 0
    if bool((offsets[background] != 0).any()):
        raise AssertionError("a background anchor (assignment -1) has non-zero offsets: "
                             "multiply the offsets by the mask")
    torch.testing.assert_close(offsets, want, rtol=1e-5, atol=1e-5,
                               msg="the offsets of the assigned anchors differ from offset_boxes "
                                   "of each anchor and its ground-truth box")


def cases(ctx):
    anchors = ctx.tensor([[0.1, 0.1, 0.3, 0.5], [0.4, 0.2, 0.8, 0.4], [0.5, 0.5, 0.6, 0.9]])
    boxes = ctx.tensor([[0.12, 0.05, 0.34, 0.45], [0.35, 0.25, 0.95, 0.45],
                        [0.45, 0.55, 0.62, 0.85]])
    ra, rb = _boxes(ctx, 8, seed=1), _boxes(ctx, 8, seed=3)
    da, db = _boxes(ctx, 6, seed=5, dtype=F64), _boxes(ctx, 6, seed=7, dtype=F64)
    preds = 0.5 * ctx.randn(8, 4, seed=9)
    truth = ctx.tensor([[0.1, 0.1, 0.5, 0.9], [0.55, 0.25, 0.95, 0.85]])
    five = ctx.tensor([[0.05, 0.05, 0.25, 0.35], [0.1, 0.15, 0.45, 0.85],
                       [0.6, 0.2, 0.9, 0.9], [0.65, 0.45, 0.8, 0.8], [0.5, 0.3, 0.95, 0.9]])
    assignment = ctx.tensor([-1, 0, 1, -1, 1])
    everyone = ctx.tensor([0, 0, 1, 1, 1])
    nobody = ctx.tensor([-1, -1, -1, -1, -1])
    none = torch.zeros(0, 4, device=ctx.device)
    return [
        Case("offset_boxes of 3 anchors and their boxes",
             lambda m: m.offset_boxes(anchors, boxes), inputs=(anchors, boxes)),
        Case("offset_boxes, 8 random pairs", lambda m: m.offset_boxes(ra, rb),
             rtol=1e-5, atol=1e-5),
        Case("offset_boxes of a box identical to its anchor is about 0",
             lambda m: m.offset_boxes(ra, ra), atol=1e-4),
        Case("offset_boxes in float64", lambda m: m.offset_boxes(da, db)),
        Case("offset_inverse of 8 predicted offsets", lambda m: m.offset_inverse(ra, preds),
             inputs=(ra, preds), rtol=1e-5, atol=1e-6),
        Case("offset_inverse of zero offsets gives the anchors back",
             lambda m: m.offset_inverse(ra, torch.zeros_like(ra))),
        Case("offset_inverse in float64", lambda m: m.offset_inverse(da, db - da)),
        Case("decoding the encoded boxes gives the boxes back",
             lambda m: _round_trip(m, ra, rb), verify="verify_round_trip"),
        Case("target_offsets: 5 anchors, 2 assigned to box 0/1, 2 background",
             lambda m: _targets(m, five, truth, assignment), verify="verify_targets",
             inputs=(five, truth, assignment)),
        Case("target_offsets: every anchor assigned",
             lambda m: _targets(m, five, truth, everyone), verify="verify_targets"),
        Case("target_offsets: every anchor background",
             lambda m: _targets(m, five, truth, nobody), verify="verify_targets"),
        Case("target_offsets with no ground-truth boxes",
             lambda m: _targets(m, five, none, nobody), verify="verify_targets"),
        Case("target_offsets returns exactly (offsets, mask)",
             lambda m: m.target_offsets(five, truth, assignment), rtol=1e-5, atol=1e-5),
    ]
