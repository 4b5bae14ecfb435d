"""A Transformer encoder block (Transformer编码器块: 多头自注意力 + 加法和规范化 + 前馈网络).

An encoder block has two sublayers (子层), each wrapped in a residual connection
(残差连接) and a layer normalization (层规范化), "add & norm" (加法和规范化):
    1. multi-head self-attention (多头自注意力): queries, keys and values are all X;
    2. the position-wise feed-forward network (基于位置的前馈网络), the same two-layer MLP
       applied to every position: FFN(x) = linear2(relu(linear1(x))).

Post-norm (the original Transformer and d2l; norm_first=False):
    Y = norm1(X + SA(X))
    Z = norm2(Y + FFN(Y))
Pre-norm (norm_first=True; trains more stably in deep stacks):
    Y = X + SA(norm1(X))
    Z = Y + FFN(norm2(Y))
with SA(x) = self_attn(x, x, x, key_padding_mask=key_padding_mask)'s output.

Task:
    class EncoderBlock(nn.Module)
        __init__(d_model, nhead, dim_feedforward, norm_first=False), with exactly these
        layers (the same names as nn.TransformerEncoderLayer, so its state_dict loads):
            self.self_attn = nn.MultiheadAttention(d_model, nhead, batch_first=True)
            self.linear1 = nn.Linear(d_model, dim_feedforward)
            self.linear2 = nn.Linear(dim_feedforward, d_model)
            self.norm1 = nn.LayerNorm(d_model)
            self.norm2 = nn.LayerNorm(d_model)
        forward(X, key_padding_mask=None) -> (B, L, d_model)
            X (B, L, d_model); key_padding_mask None or bool (B, L), True = padding
            (a key no query may attend to; every example keeps at least one token).

No dropout: the block must give the same output every time, in train mode too. With the
same weights it equals nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward,
dropout=0.0, batch_first=True, norm_first=norm_first). Do not use nn.Transformer* in
your answer. Do not change X in place.
"""

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401


class EncoderBlock(nn.Module):
    def __init__(self, d_model: int, nhead: int, dim_feedforward: int,
                 norm_first: bool = False) -> None:
        super().__init__()
        # TODO: self_attn, linear1, linear2, norm1, norm2 (names as in the docstring)
        raise NotImplementedError

    def forward(self, X: torch.Tensor,
                key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
        # TODO: self-attention sublayer with add & norm (post-norm or pre-norm)
        # TODO: feed-forward sublayer with add & norm
        raise NotImplementedError
