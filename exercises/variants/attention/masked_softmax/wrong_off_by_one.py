"""Keeps positions j <= valid_len (one key too many)."""

import torch


def masked_softmax(X, valid_lens):
    if valid_lens is None:
        return torch.softmax(X, dim=-1)
    lens = valid_lens[:, None] if valid_lens.dim() == 1 else valid_lens
    keep = torch.arange(X.shape[-1], device=X.device) <= lens[..., None]
    return torch.softmax(X.masked_fill(~keep, -1e6), dim=-1)
