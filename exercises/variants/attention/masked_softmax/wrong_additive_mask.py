"""Adds -1e6 to padded scores instead of replacing them: a row with valid length 0 is not uniform."""

import torch


def masked_softmax(X, valid_lens):
    if valid_lens is None:
        return X.softmax(-1)
    if valid_lens.dim() == 1:
        valid_lens = valid_lens.unsqueeze(1)
    padding = torch.arange(X.size(-1), device=X.device) >= valid_lens.unsqueeze(-1)
    return (X - 1e6 * padding.to(X.dtype)).softmax(-1)
