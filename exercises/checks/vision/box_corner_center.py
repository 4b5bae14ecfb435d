import torch

from studykit.grading.kit import Case

F64 = torch.float64


def _corner_boxes(ctx, *lead, seed, dtype=torch.float32):
    """Valid corner boxes (x1 < x2, y1 < y2) with the given leading dims."""
    xy = 100 * ctx.rand(*lead, 2, seed=seed, dtype=dtype)
    wh = 5 + 50 * ctx.rand(*lead, 2, seed=seed + 1, dtype=dtype)
    return torch.cat((xy, xy + wh), dim=-1)


def _center_boxes(ctx, *lead, seed, dtype=torch.float32):
    c = 100 * ctx.rand(*lead, 2, seed=seed, dtype=dtype)
    wh = 5 + 50 * ctx.rand(*lead, 2, seed=seed + 1, dtype=dtype)
    return torch.cat((c, wh), dim=-1)


def _round_trip(m, boxes):
    there = m.box_corner_to_center(boxes)
    return {"back": m.box_center_to_corner(there), "error": (m.box_center_to_corner(there)
                                                             - boxes).abs().max().item()}


def verify_round_trip(got, expected):
    if got["error"] > 1e-4:
        raise AssertionError(f"center -> corner after corner -> center is off by up to "
                             f"{got['error']:.3g}: the two functions must undo each other")
    torch.testing.assert_close(got["back"], expected["back"])


def cases(ctx):
    two = ctx.tensor([[20.0, 30.0, 220.0, 330.0], [300.0, 80.0, 410.0, 200.0]])
    two_c = ctx.tensor([[120.0, 180.0, 200.0, 300.0], [355.0, 140.0, 110.0, 120.0]])
    rand = _corner_boxes(ctx, 6, seed=1)
    rand_c = _center_boxes(ctx, 6, seed=3)
    batched = _corner_boxes(ctx, 2, 3, seed=5)
    batched_c = _center_boxes(ctx, 2, 3, seed=7)
    one = ctx.tensor([1.0, 2.0, 4.0, 8.0])
    one_c = ctx.tensor([2.5, 5.0, 3.0, 6.0])
    empty = torch.zeros(0, 4, device=ctx.device)
    f64 = _corner_boxes(ctx, 5, seed=9, dtype=F64)
    f64_c = _center_boxes(ctx, 5, seed=11, dtype=F64)
    unit = ctx.tensor([[0.1, 0.2, 0.6, 0.9]])
    return [
        Case("two boxes, corner -> center (200 x 300 centered at (120, 180), ...)",
             lambda m: m.box_corner_to_center(two), inputs=(two,)),
        Case("two boxes, center -> corner", lambda m: m.box_center_to_corner(two_c),
             inputs=(two_c,)),
        Case("6 random boxes, corner -> center", lambda m: m.box_corner_to_center(rand),
             inputs=(rand,)),
        Case("6 random boxes, center -> corner", lambda m: m.box_center_to_corner(rand_c),
             inputs=(rand_c,)),
        Case("normalised coordinates in [0, 1]", lambda m: m.box_corner_to_center(unit)),
        Case("one box of shape (4,), corner -> center", lambda m: m.box_corner_to_center(one)),
        Case("one box of shape (4,), center -> corner", lambda m: m.box_center_to_corner(one_c)),
        Case("leading dims (2, 3, 4), corner -> center",
             lambda m: m.box_corner_to_center(batched), inputs=(batched,)),
        Case("leading dims (2, 3, 4), center -> corner",
             lambda m: m.box_center_to_corner(batched_c), inputs=(batched_c,)),
        Case("no boxes: (0, 4) in, (0, 4) out both ways",
             lambda m: (m.box_corner_to_center(empty), m.box_center_to_corner(empty))),
        Case("float64 boxes stay float64", lambda m: (m.box_corner_to_center(f64),
                                                      m.box_center_to_corner(f64_c))),
        Case("corner -> center -> corner gives the boxes back",
             lambda m: _round_trip(m, batched), verify="verify_round_trip"),
    ]
