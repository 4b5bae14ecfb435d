import math

import torch

from studykit.grading.kit import Case, plain_words


def _grid_anchors(ctx, H, W, sizes, ratios):
    """Anchors centred on every pixel of an H x W map (as in vision/anchor_boxes)."""
    shapes = [(s, ratios[0]) for s in sizes] + [(sizes[0], r) for r in ratios[1:]]
    boxes = []
    for i in range(H):
        for j in range(W):
            cx, cy = (j + 0.5) / W, (i + 0.5) / H
            for s, r in shapes:
                w, h = s * math.sqrt(r) * H / W, s / math.sqrt(r)
                boxes.append([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
    return ctx.tensor(boxes)


def _random_truth(ctx, n, seed):
    xy = 0.6 * ctx.rand(n, 2, seed=seed)
    wh = 0.15 + 0.3 * ctx.rand(n, 2, seed=seed + 1)
    return torch.cat((xy, xy + wh), dim=1)


def _every_box_covered(m, truth, anchors, thr):
    assignment = m.assign_anchor_to_bbox(truth, anchors, thr)
    return {"missing": [j for j in range(len(truth)) if not bool((assignment == j).any())],
            "count": len(assignment)}


@plain_words
def verify_covered(got, expected):
    if got["count"] != expected["count"]:
        raise AssertionError(f"expected one entry per anchor ({expected['count']}), got "
                             f"{got['count']}")
    if got["missing"]:
        raise AssertionError(f"ground-truth box {got['missing'][0]} got no anchor: the greedy "
                             "step gives every ground-truth box its best remaining anchor, "
                             "whatever the threshold")


def cases(ctx):
    truth = ctx.tensor([[0.1, 0.1, 0.5, 0.9], [0.55, 0.25, 0.95, 0.85]])
    anchors = ctx.tensor([[0.05, 0.05, 0.25, 0.35], [0.1, 0.15, 0.45, 0.85],
                          [0.6, 0.2, 0.9, 0.9], [0.65, 0.45, 0.8, 0.8],
                          [0.5, 0.3, 0.95, 0.9]])
    # anchor 1's best box is 0, but box 0 goes to anchor 0 first: the greedy step gives
    # anchor 1 box 1, overriding the threshold step
    over_truth = ctx.tensor([[0.0, 0.0, 1.0, 1.0], [0.5, 0.0, 1.5, 1.0]])
    over_anchors = ctx.tensor([[0.0, 0.0, 1.0, 1.0], [0.1, 0.0, 1.1, 1.0],
                               [3.0, 3.0, 4.0, 4.0]])
    lone_truth = ctx.tensor([[0.0, 0.0, 1.0, 1.0]])
    lone_anchors = ctx.tensor([[2.0, 2.0, 3.0, 3.0], [0.5, 0.5, 1.5, 1.5],
                               [-2.0, 0.0, -1.0, 1.0]])
    # both boxes like anchor 0 best; box 0 gets it, box 1 must take anchor 1
    shared_truth = ctx.tensor([[0.0, 0.0, 1.0, 1.0], [0.2, 0.0, 1.2, 1.0]])
    shared_anchors = ctx.tensor([[0.08, 0.0, 1.08, 1.0], [0.4, 0.0, 1.4, 1.0]])
    # box 0's two anchors are its two best; box 1's only anchor is below the threshold
    twice_truth = ctx.tensor([[0.0, 0.0, 1.0, 1.0], [3.0, 3.0, 4.0, 4.0]])
    twice_anchors = ctx.tensor([[0.0, 0.0, 1.0, 1.0], [0.1, 0.0, 1.1, 1.0],
                                [3.5, 3.0, 4.5, 4.0]])
    # anchor 1 has IoU exactly 0.5 with the box: it is assigned (>=)
    equal_truth = ctx.tensor([[0.0, 0.0, 1.0, 1.0]])
    equal_anchors = ctx.tensor([[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 2.0, 1.0],
                                [0.0, 0.0, 1.0, 4.0]])
    grid = _grid_anchors(ctx, 4, 4, [0.5, 0.25], [1.0, 2.0, 0.5])
    rand_truth = _random_truth(ctx, 3, seed=1)
    classes = ctx.tensor([2, 0])
    rand_classes = ctx.tensor([4, 0, 1])
    none = torch.zeros(0, 4, device=ctx.device)
    no_classes = torch.zeros(0, dtype=torch.int64, device=ctx.device)
    return [
        Case("5 anchors, 2 ground-truth boxes, threshold 0.5",
             lambda m: m.assign_anchor_to_bbox(truth, anchors, 0.5),
             inputs=(truth, anchors)),
        Case("the greedy step overrides the threshold step",
             lambda m: m.assign_anchor_to_bbox(over_truth, over_anchors, 0.5)),
        Case("a box whose best anchor is below the threshold still gets it",
             lambda m: m.assign_anchor_to_bbox(lone_truth, lone_anchors, 0.5)),
        Case("two boxes want the same anchor: the second takes its next best",
             lambda m: m.assign_anchor_to_bbox(shared_truth, shared_anchors, 0.5)),
        Case("a box already matched is not picked again in the greedy step",
             lambda m: m.assign_anchor_to_bbox(twice_truth, twice_anchors, 0.5)),
        Case("IoU exactly equal to the threshold assigns the anchor",
             lambda m: m.assign_anchor_to_bbox(equal_truth, equal_anchors, 0.5)),
        Case("64 grid anchors, 3 random boxes, threshold 0.5",
             lambda m: m.assign_anchor_to_bbox(rand_truth, grid, 0.5),
             inputs=(rand_truth, grid)),
        Case("64 grid anchors, 3 random boxes, threshold 0.3",
             lambda m: m.assign_anchor_to_bbox(rand_truth, grid, 0.3)),
        Case("the default threshold is 0.5 (the 5 anchors again)",
             lambda m: m.assign_anchor_to_bbox(truth, anchors)),
        Case("threshold 0.95: every box still gets an anchor",
             lambda m: _every_box_covered(m, rand_truth, grid, 0.95), verify="verify_covered"),
        Case("no ground-truth boxes: every anchor is background (-1)",
             lambda m: m.assign_anchor_to_bbox(none, grid, 0.5)),
        Case("anchor_labels: class + 1, background 0",
             lambda m: m.anchor_labels(m.assign_anchor_to_bbox(truth, anchors, 0.5), classes)),
        Case("anchor_labels for the grid anchors (class 0 becomes label 1)",
             lambda m: m.anchor_labels(m.assign_anchor_to_bbox(rand_truth, grid, 0.3),
                                       rand_classes)),
        Case("anchor_labels with no ground-truth boxes: all 0",
             lambda m: m.anchor_labels(m.assign_anchor_to_bbox(none, anchors, 0.5),
                                       no_classes)),
    ]
