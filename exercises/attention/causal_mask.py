"""The causal (look-ahead) mask of a Transformer decoder (因果掩码 / 掩蔽自注意力).

When a decoder predicts token t it must not see the tokens after t: in masked
self-attention (掩蔽多头自注意力) the query at position i may attend only to keys at
positions j <= i. Written as a square matrix over (query i, key j) that is the lower
triangle, diagonal included.

torch spells masks three ways, and mixing them up is a classic bug:
    * a bool mask where True = "may attend" (F.scaled_dot_product_attention's attn_mask);
    * a bool mask where True = "may NOT attend" (nn.MultiheadAttention's attn_mask and
      key_padding_mask);
    * a float mask ADDED to the scores: 0.0 where allowed, -inf where not
      (nn.Transformer.generate_square_subsequent_mask).

Task:
    causal_mask(num_steps, device=None) -> bool (num_steps, num_steps)
        True where key j may be attended by query i, i.e. j <= i.
    blocked_mask(num_steps, device=None) -> bool (num_steps, num_steps)
        the nn.MultiheadAttention convention: True where attention is NOT allowed.
    additive_causal_mask(num_steps, device=None) -> float32 (num_steps, num_steps)
        0.0 where allowed, float("-inf") where not.
    causal_attention(queries, keys, values) -> (output, weights)
        scaled dot-product self-attention, softmax(Q K^T / sqrt(d)) V, with the causal mask
        applied to the scores BEFORE the softmax. queries, keys: (..., L, d), values
        (..., L, dv), the same L for all three; output (..., L, dv), weights (..., L, L)
        with exact zeros above the diagonal and rows that sum to 1. The output at
        position i must not depend on the inputs at positions after i.

Put the masks on the given device (None: the CPU). Do not change the inputs in place, and
do not call F.scaled_dot_product_attention (or pass is_causal) in causal_attention.
"""

import math  # noqa: F401

import torch


def causal_mask(num_steps: int, device: torch.device | None = None) -> torch.Tensor:
    # TODO: True on and below the diagonal
    raise NotImplementedError


def blocked_mask(num_steps: int, device: torch.device | None = None) -> torch.Tensor:
    # TODO: True where query i may NOT look at key j
    raise NotImplementedError


def additive_causal_mask(num_steps: int, device: torch.device | None = None) -> torch.Tensor:
    # TODO: 0.0 where allowed, -inf where not, float32
    raise NotImplementedError


def causal_attention(queries: torch.Tensor, keys: torch.Tensor,
                     values: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: scaled scores, hide the future before the softmax, pool the values
    raise NotImplementedError
