import torch

from studykit.grading.kit import Case, plain_words


def _clustered(ctx, n, seed, clusters=4):
    """n boxes around a few object positions (many near-duplicates), scores all different."""
    centers = 0.2 + 0.6 * ctx.rand(clusters, 2, seed=seed)
    pick = ctx.randint(0, clusters, (n,), seed=seed + 1)
    c = centers[pick] + 0.06 * ctx.randn(n, 2, seed=seed + 2)
    wh = 0.2 + 0.1 * ctx.rand(n, 2, seed=seed + 3)
    boxes = torch.cat((c - wh / 2, c + wh / 2), dim=1)
    scores = ctx.rand(n, seed=seed + 4)
    return boxes, scores


def _iou(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _properties(m, boxes, scores, thr, classes=None):
    """What the kept indices must satisfy, computed here with plain Python floats."""
    kept = (m.nms(boxes, scores, thr) if classes is None
            else m.batched_nms(boxes, scores, classes, thr))
    kept = [int(i) for i in kept]
    b, s = boxes.tolist(), scores.tolist()
    c = [0] * len(b) if classes is None else classes.tolist()
    overlapping = [(i, j) for n, i in enumerate(kept) for j in kept[n + 1:]
                   if c[i] == c[j] and _iou(b[i], b[j]) > thr]
    unexplained = [j for j in range(len(b)) if j not in kept and not any(
        c[i] == c[j] and s[i] > s[j] and _iou(b[i], b[j]) > thr for i in kept)]
    return {"overlapping": overlapping, "unexplained": unexplained,
            "sorted": all(s[i] > s[j] for i, j in zip(kept, kept[1:], strict=False)),
            "repeated": len(set(kept)) != len(kept)}


@plain_words
def verify_properties(got, expected):
    if got["repeated"]:
        raise AssertionError("an index appears twice among the kept boxes")
    if got["overlapping"]:
        i, j = got["overlapping"][0]
        raise AssertionError(f"boxes {i} and {j} are both kept although their IoU is above "
                             "the threshold: the lower-scoring one must be removed")
    if got["unexplained"]:
        j = got["unexplained"][0]
        raise AssertionError(f"box {j} was removed, but no KEPT box with a higher score "
                             "overlaps it by more than the threshold (only kept boxes remove "
                             "others)")
    if not got["sorted"]:
        raise AssertionError("the kept indices must be ordered by score, highest first")


def cases(ctx):
    five = ctx.tensor([[0.10, 0.08, 0.52, 0.92], [0.08, 0.20, 0.56, 0.95],
                       [0.15, 0.30, 0.62, 0.91], [0.55, 0.20, 0.90, 0.88],
                       [0.60, 0.25, 0.92, 0.85]])
    five_scores = ctx.tensor([0.9, 0.8, 0.7, 0.6, 0.95])
    chain = ctx.tensor([[0.0, 0.0, 2.0, 2.0], [1.0, 0.0, 3.0, 2.0], [2.0, 0.0, 4.0, 2.0]])
    chain_scores = ctx.tensor([0.9, 0.8, 0.7])
    equal = ctx.tensor([[0.0, 0.0, 2.0, 1.0], [0.0, 0.0, 1.0, 1.0]])  # IoU exactly 0.5
    equal_scores = ctx.tensor([0.6, 0.4])
    boxes, scores = _clustered(ctx, 40, seed=1)
    boxes2, scores2 = _clustered(ctx, 25, seed=11, clusters=2)
    classes = ctx.randint(0, 3, (40,), seed=20)
    pair = ctx.tensor([[0.0, 0.0, 1.0, 1.0], [0.05, 0.0, 1.0, 1.0], [0.0, 0.05, 1.0, 1.0]])
    pair_scores = ctx.tensor([0.5, 0.9, 0.7])
    pair_classes = ctx.tensor([1, 0, 1])
    none = torch.zeros(0, 4, device=ctx.device)
    return [
        Case("5 boxes, two objects, threshold 0.5", lambda m: m.nms(five, five_scores, 0.5),
             inputs=(five, five_scores)),
        Case("a chain: box 1 removes box 2, so box 2 cannot remove box 3 (threshold 0.3)",
             lambda m: m.nms(chain, chain_scores, 0.3), inputs=(chain, chain_scores)),
        Case("IoU exactly equal to the threshold (0.5) keeps the box",
             lambda m: m.nms(equal, equal_scores, 0.5)),
        Case("IoU 0.5 above a threshold of 0.49 removes it",
             lambda m: m.nms(equal, equal_scores, 0.49)),
        Case("40 clustered boxes, threshold 0.5", lambda m: m.nms(boxes, scores, 0.5),
             inputs=(boxes, scores)),
        Case("40 clustered boxes, threshold 0.5: kept boxes do not overlap, removed ones "
             "are explained", lambda m: _properties(m, boxes, scores, 0.5),
             verify="verify_properties"),
        Case("40 clustered boxes, threshold 0.3", lambda m: m.nms(boxes, scores, 0.3)),
        Case("25 boxes around two objects, threshold 0.7",
             lambda m: m.nms(boxes2, scores2, 0.7)),
        Case("25 boxes, threshold 0.7: properties",
             lambda m: _properties(m, boxes2, scores2, 0.7), verify="verify_properties"),
        Case("threshold 1.0 keeps every box, highest score first",
             lambda m: m.nms(boxes2, scores2, 1.0)),
        Case("threshold 0.0 removes every box that touches a kept one",
             lambda m: m.nms(boxes, scores, 0.0)),
        Case("one box", lambda m: m.nms(five[:1], five_scores[:1], 0.5)),
        Case("no boxes: an empty int64 tensor", lambda m: m.nms(none, none[:, 0], 0.5)),
        Case("batched_nms, 40 boxes in 3 classes, threshold 0.5",
             lambda m: m.batched_nms(boxes, scores, classes, 0.5),
             inputs=(boxes, scores, classes)),
        Case("batched_nms, 40 boxes in 3 classes: properties within each class",
             lambda m: _properties(m, boxes, scores, 0.5, classes), verify="verify_properties"),
        Case("batched_nms: overlapping boxes of different classes are both kept",
             lambda m: m.batched_nms(pair, pair_scores, pair_classes, 0.5)),
        Case("batched_nms with a single class equals nms",
             lambda m: m.batched_nms(boxes2, scores2, torch.zeros_like(scores2,
                                                                     dtype=torch.int64), 0.5)),
        Case("batched_nms of no boxes",
             lambda m: m.batched_nms(none, none[:, 0], none[:, 0].long(), 0.5)),
    ]
