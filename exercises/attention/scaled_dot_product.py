"""Scaled dot-product attention (缩放点积注意力).

Attention pools the values (值) with weights that say how well each query (查询) matches
each key (键). With the dot product as the attention scoring function (注意力评分函数),
the scores are divided by sqrt(d), d the length of a query or key vector, so that their
variance stays near 1 whatever d is (large scores would saturate the softmax and its
gradients would vanish):

    scores  = Q @ K^T / sqrt(d)                     shape (..., Lq, Lk)
    weights = softmax(scores) over the LAST dim     注意力权重: each row sums to 1
    output  = weights @ V                           shape (..., Lq, dv)

Task:
    scaled_dot_product_attention(queries, keys, values) -> (output, weights)
        queries (B, Lq, d), keys (B, Lk, d), values (B, Lk, dv). Lq, Lk, d and dv may
        all differ. The same code must also work with more leading batch dims, e.g.
        (B, num_heads, L, d) as in multi-head attention: use the last two dims only.
        output (B, Lq, dv) and weights (B, Lq, Lk), in the inputs' dtype and device.

torch's F.scaled_dot_product_attention computes the same output (not the weights); do not
call it or nn.MultiheadAttention in your answer. Do not change the inputs in place.
"""

import math  # noqa: F401

import torch


def scaled_dot_product_attention(queries: torch.Tensor, keys: torch.Tensor,
                                 values: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: the scores Q K^T / sqrt(d), with d the last dim of the queries
    # TODO: softmax over the keys, then pool the values with those weights
    raise NotImplementedError
