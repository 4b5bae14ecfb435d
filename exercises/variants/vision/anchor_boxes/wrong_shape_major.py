"""Orders the anchors shape by shape (all pixels for shape 1, then shape 2) with repeat."""

import torch


def multibox_prior(data, sizes, ratios):
    H, W = data.shape[-2:]
    size, ratio = torch.tensor(sizes), torch.tensor(ratios)
    widths = torch.cat((size * torch.sqrt(ratio[0]), size[0] * torch.sqrt(ratio[1:]))) * H / W
    heights = torch.cat((size / torch.sqrt(ratio[0]), size[0] / torch.sqrt(ratio[1:])))
    cy, cx = torch.meshgrid((torch.arange(H) + 0.5) / H, (torch.arange(W) + 0.5) / W,
                            indexing="ij")
    k = len(widths)
    centers = torch.stack((cx, cy, cx, cy), dim=-1).reshape(-1, 4).repeat(k, 1)
    half = (torch.stack((-widths, -heights, widths, heights), dim=-1) / 2
            ).repeat_interleave(H * W, dim=0)
    return (centers + half).reshape(1, -1, 4).to(data.device)


def anchors_at(anchors, H, W, i, j):
    return anchors.reshape(H, W, -1, 4)[i, j]
