"""Zeroes the padded weights after the softmax instead of masking the scores before it."""

import torch


def masked_softmax(X, valid_lens):
    weights = torch.softmax(X, dim=-1)
    if valid_lens is None:
        return weights
    lens = valid_lens[:, None] if valid_lens.dim() == 1 else valid_lens
    keep = torch.arange(X.shape[-1], device=X.device) < lens[..., None]
    return weights * keep
