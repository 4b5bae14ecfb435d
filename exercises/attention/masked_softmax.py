"""Masked softmax: attention that ignores padding (掩蔽softmax操作).

Sequences in a minibatch are padded (填充) to a common length, so some keys are padding
tokens that no query should attend to. Each sequence's valid length (有效长度) says how
many of its keys are real: key positions j >= valid_len are masked (掩蔽). Replace their
scores with -1e6 BEFORE the softmax, so that their weights come out as exactly 0 and the
remaining weights of each row still sum to 1.

Task:
    masked_softmax(X, valid_lens) -> weights, same shape and dtype as X
        X: attention scores (B, Lq, Lk), float32 or float64.
        valid_lens:
            None     no mask: a plain softmax over the last dim (the keys);
            (B,)     int64, one length for every query of example b;
            (B, Lq)  int64, one length per query (X[b, q] keeps keys j < valid_lens[b, q]).
        valid_lens may be larger than Lk (no padding in that row). A valid length of 0
        masks the whole row: every score is -1e6 and the softmax gives the uniform row
        1/Lk (as d2l's version does); it must not give NaN.

Do not change X (or valid_lens) in place: the d2l version writes -1e6 into a reshaped X,
which changes the caller's scores. Keep the result differentiable with respect to X.
"""

import torch


def masked_softmax(X: torch.Tensor, valid_lens: torch.Tensor | None) -> torch.Tensor:
    # TODO: no valid_lens: a plain softmax over the last dim
    # TODO: a (B, Lq, Lk) bool mask of the keys to keep (positions < valid length)
    # TODO: scores of masked keys -> -1e6 (out of place), then softmax over the last dim
    raise NotImplementedError
