"""One pair at a time with Python loops, filling a preallocated (N, M) tensor."""

import torch


def box_area(boxes):
    return torch.stack([(b[2] - b[0]) * (b[3] - b[1]) for b in boxes]) if len(boxes) \
        else boxes.new_zeros(0)


def box_iou(boxes1, boxes2):
    out = boxes1.new_zeros(len(boxes1), len(boxes2))
    for i, a in enumerate(boxes1):
        for j, b in enumerate(boxes2):
            w = (torch.min(a[2], b[2]) - torch.max(a[0], b[0])).clamp(min=0)
            h = (torch.min(a[3], b[3]) - torch.max(a[1], b[1])).clamp(min=0)
            inter = w * h
            out[i, j] = inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1])
                                 - inter)
    return out
