"""A cross-entropy loss that ignores padding (遮蔽的交叉熵损失).

Sequences in a minibatch have different lengths, so shorter ones are padded (填充) with a
padding token up to num_steps. The padded positions must not count in the loss: build
a mask (掩码/遮蔽) from each sequence's valid length (有效长度) and average the
per-token cross-entropy (交叉熵) over the valid tokens only.

Task:
    sequence_mask(valid_lens, num_steps) -> bool tensor (batch, num_steps)
        mask[b, t] = t < valid_lens[b]       (valid_lens: (batch,) int64, on any device;
        the mask lives on the same device)
    masked_cross_entropy(logits, targets, valid_lens) -> 0-d tensor
        logits: (batch, num_steps, vocab_size), targets: (batch, num_steps) int64,
        valid_lens: (batch,) int64 with at least one valid token in the minibatch.
        The sum of the per-token cross-entropies over the valid positions divided by the
        number of valid positions. Whatever the logits and targets hold at padded
        positions must not change the loss, and no gradient may reach them.

Do not change the inputs in place.
"""

import torch
from torch.nn import functional as F  # noqa: F401


def sequence_mask(valid_lens: torch.Tensor, num_steps: int) -> torch.Tensor:
    # TODO: compare the positions 0..num_steps-1 with every valid length
    raise NotImplementedError


def masked_cross_entropy(logits: torch.Tensor, targets: torch.Tensor,
                         valid_lens: torch.Tensor) -> torch.Tensor:
    # TODO: per-token cross-entropy, zero it at padded positions, average over valid ones
    raise NotImplementedError
