"""Converts in place through views of boxes, so the caller's boxes change too."""


def box_corner_to_center(boxes):
    boxes[..., 2:] -= boxes[..., :2]          # w, h
    boxes[..., :2] += boxes[..., 2:] / 2      # cx, cy
    return boxes


def box_center_to_corner(boxes):
    boxes[..., :2] -= boxes[..., 2:] / 2      # x1, y1
    boxes[..., 2:] += boxes[..., :2]          # x2, y2
    return boxes
