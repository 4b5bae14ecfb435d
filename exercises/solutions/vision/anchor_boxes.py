"""Reference solution: vision/anchor_boxes."""

import torch


def multibox_prior(data: torch.Tensor, sizes: list[float],
                   ratios: list[float]) -> torch.Tensor:
    H, W = data.shape[-2:]
    device = data.device
    size = torch.tensor(sizes, dtype=torch.float32, device=device)
    ratio = torch.tensor(ratios, dtype=torch.float32, device=device)
    widths = torch.cat((size * torch.sqrt(ratio[0]), size[0] * torch.sqrt(ratio[1:]))) * H / W
    heights = torch.cat((size / torch.sqrt(ratio[0]), size[0] / torch.sqrt(ratio[1:])))
    center_y = (torch.arange(H, device=device, dtype=torch.float32) + 0.5) / H
    center_x = (torch.arange(W, device=device, dtype=torch.float32) + 0.5) / W
    cy, cx = torch.meshgrid(center_y, center_x, indexing="ij")
    centers = torch.stack((cx, cy, cx, cy), dim=-1).reshape(-1, 1, 4)
    half = torch.stack((-widths, -heights, widths, heights), dim=-1) / 2
    return (centers + half).reshape(1, -1, 4)


def anchors_at(anchors: torch.Tensor, H: int, W: int, i: int, j: int) -> torch.Tensor:
    return anchors.reshape(H, W, -1, 4)[i, j]
