"""Reference solution: attention/masked_softmax."""

import torch


def masked_softmax(X: torch.Tensor, valid_lens: torch.Tensor | None) -> torch.Tensor:
    if valid_lens is None:
        return torch.softmax(X, dim=-1)
    lens = valid_lens[:, None] if valid_lens.dim() == 1 else valid_lens  # (B, 1) or (B, Lq)
    positions = torch.arange(X.shape[-1], device=X.device)
    keep = positions < lens.to(X.device)[..., None]  # (B, 1 or Lq, Lk)
    return torch.softmax(X.masked_fill(~keep, -1e6), dim=-1)
