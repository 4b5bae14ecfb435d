"""Expands (B,) lengths to the B*Lq rows with repeat instead of repeat_interleave."""

import torch


def masked_softmax(X, valid_lens):
    if valid_lens is None:
        return torch.softmax(X, dim=-1)
    shape = X.shape
    valid_lens = valid_lens.repeat(shape[1]) if valid_lens.dim() == 1 else valid_lens.reshape(-1)
    flat = X.reshape(-1, shape[-1])
    mask = torch.arange(shape[-1], device=X.device)[None, :] < valid_lens[:, None]
    flat = torch.where(mask, flat, torch.full_like(flat, -1e6))
    return torch.softmax(flat.reshape(shape), dim=-1)
