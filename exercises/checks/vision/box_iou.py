import torch

from studykit.grading.kit import Case, plain_words

F64 = torch.float64


def _boxes(ctx, n, seed, dtype=torch.float32):
    """n boxes in [0, 1]^2 with sides 0.05 .. 0.55, so many pairs overlap."""
    xy = 0.6 * ctx.rand(n, 2, seed=seed, dtype=dtype)
    wh = 0.05 + 0.5 * ctx.rand(n, 2, seed=seed + 1, dtype=dtype)
    return torch.cat((xy, xy + wh), dim=1)


def _iou_loops(b1, b2):
    """One pair at a time in plain Python floats (an independent way to the same answer)."""
    rows = []
    for a in b1.tolist():
        row = []
        for b in b2.tolist():
            w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
            h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
            inter = w * h
            union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
            row.append(inter / union)
        rows.append(row)
    return torch.tensor(rows, dtype=F64).reshape(len(b1), len(b2))


def _against_loops(m, b1, b2):
    return {"yours": m.box_iou(b1, b2), "pair by pair": _iou_loops(b1, b2)}


@plain_words
def verify_loops(got, expected):
    yours, truth = got["yours"], got["pair by pair"]
    if tuple(yours.shape) != tuple(truth.shape):
        raise AssertionError(f"box_iou of {truth.shape[0]} and {truth.shape[1]} boxes must "
                             f"have shape {tuple(truth.shape)} (every pair), got "
                             f"{tuple(yours.shape)}")
    diff = (yours.double().cpu() - truth).abs()
    if diff.max() > 1e-5:
        i, j = divmod(int(diff.argmax()), truth.shape[1])
        raise AssertionError(f"IoU of boxes1[{i}] and boxes2[{j}] is {yours[i, j].item():.4f}, "
                             f"computed pair by pair it is {truth[i, j].item():.4f}")


def _properties(m, b1, b2):
    iou = m.box_iou(b1, b2)
    return {"min": iou.min().item(), "max": iou.max().item(),
            "symmetric": bool(torch.allclose(iou, m.box_iou(b2, b1).T, atol=1e-6)),
            "self diagonal": m.box_iou(b1, b1).diagonal()}


@plain_words
def verify_properties(got, expected):
    if got["min"] < 0 or got["max"] > 1 + 1e-6:
        raise AssertionError(f"IoU values range from {got['min']:.3g} to {got['max']:.3g}; "
                             "they must lie in [0, 1] (clamp the intersection's width and "
                             "height at 0)")
    if not got["symmetric"]:
        raise AssertionError("box_iou(b2, b1) is not the transpose of box_iou(b1, b2)")
    torch.testing.assert_close(got["self diagonal"], expected["self diagonal"],
                               msg="the IoU of a box with itself must be 1")


def cases(ctx):
    anchors = ctx.tensor([[0.0, 0.1, 0.2, 0.3], [0.15, 0.2, 0.4, 0.4],
                          [0.63, 0.05, 0.88, 0.98], [0.66, 0.45, 0.8, 0.8],
                          [0.57, 0.3, 0.92, 0.9]])
    truth = ctx.tensor([[0.1, 0.08, 0.52, 0.92], [0.55, 0.2, 0.9, 0.88]])
    b1, b2 = _boxes(ctx, 7, seed=1), _boxes(ctx, 4, seed=3)
    # apart in x only, apart in x and y (both sides negative), touching along an edge
    apart = ctx.tensor([[0.0, 0.0, 1.0, 1.0]])
    others = ctx.tensor([[2.0, 0.0, 3.0, 1.0], [2.0, 2.0, 3.0, 3.0], [1.0, 0.0, 2.0, 1.0],
                         [0.0, 1.0, 1.0, 2.0], [-3.0, -4.0, -2.0, -2.0]])
    outer = ctx.tensor([[0.0, 0.0, 4.0, 4.0], [1.0, 1.0, 3.0, 2.0]])
    inner = ctx.tensor([[1.0, 1.0, 3.0, 3.0], [0.0, 0.0, 4.0, 4.0], [1.0, 1.0, 3.0, 2.0]])
    big1, big2 = _boxes(ctx, 30, seed=5, dtype=F64), _boxes(ctx, 20, seed=7, dtype=F64)
    none = torch.zeros(0, 4, device=ctx.device)
    return [
        Case("box_area of 5 anchors", lambda m: m.box_area(anchors), inputs=(anchors,)),
        Case("5 anchors vs 2 ground-truth boxes: (5, 2)", lambda m: m.box_iou(anchors, truth),
             inputs=(anchors, truth)),
        Case("7 x 4 random boxes: every pair", lambda m: m.box_iou(b1, b2), inputs=(b1, b2)),
        Case("7 x 4 random boxes agree with a pair-by-pair computation",
             lambda m: _against_loops(m, b1, b2), verify="verify_loops"),
        Case("boxes apart in x, apart in x and y, touching at an edge: IoU 0",
             lambda m: m.box_iou(apart, others), inputs=(apart, others)),
        Case("a box inside another: IoU = small area / big area",
             lambda m: m.box_iou(outer, inner)),
        Case("values in [0, 1], box_iou(b, a) = box_iou(a, b).T, a box with itself gives 1",
             lambda m: _properties(m, b1, b2), verify="verify_properties"),
        Case("float64, 30 x 20", lambda m: m.box_iou(big1, big2)),
        Case("30 x 20 agree with a pair-by-pair computation",
             lambda m: _against_loops(m, big1, big2), verify="verify_loops"),
        Case("the same number of boxes on both sides (4 x 4) is still every pair",
             lambda m: m.box_iou(b1[:4], b2)),
        Case("no boxes on one side: (0, 2) and (2, 0)",
             lambda m: (m.box_iou(none, truth), m.box_iou(truth, none))),
    ]
