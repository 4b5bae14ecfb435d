"""Uses GELU in the feed-forward network instead of ReLU."""

import torch
from torch import nn
from torch.nn import functional as F


class EncoderBlock(nn.Module):
    def __init__(self, d_model: int, nhead: int, dim_feedforward: int,
                 norm_first: bool = False) -> None:
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = nn.MultiheadAttention(d_model, nhead, batch_first=True)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def _attend(self, X: torch.Tensor, key_padding_mask: torch.Tensor | None) -> torch.Tensor:
        output, _ = self.self_attn(X, X, X, key_padding_mask=key_padding_mask,
                                   need_weights=False)
        return output

    def _ffn(self, X: torch.Tensor) -> torch.Tensor:
        return self.linear2(F.gelu(self.linear1(X)))

    def forward(self, X: torch.Tensor,
                key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
        if self.norm_first:
            Y = X + self._attend(self.norm1(X), key_padding_mask)
            return Y + self._ffn(self.norm2(Y))
        Y = self.norm1(X + self._attend(X, key_padding_mask))
        return self.norm2(Y + self._ffn(Y))
