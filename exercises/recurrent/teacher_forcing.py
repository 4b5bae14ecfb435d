"""Teacher forcing: decoder inputs and the training loss (强制教学).

A decoder predicts the target sequence one token at a time, each step conditioned on the
previous token. During training that previous token can be
    * the TRUE previous target token (teacher forcing, 强制教学): the decoder input is the
      target sequence shifted right by one, starting with <bos>, so the whole sequence is
      decoded in one call and an early mistake cannot derail the later steps;
    * the decoder's OWN previous prediction (free running), as at prediction time: the
      decoder must be called step by step.

Interface of the decoder you are given:
    logits, new_state = decoder(tokens, state)
        tokens (B, t) int64, any t >= 1; logits (B, t, V); state is whatever the decoder
        uses (pass it on unchanged in type). Calling it on the whole input at once equals
        calling it token by token while passing the state on.

Task:
    decoder_inputs(targets, bos) -> (B, T) int64: <bos> followed by targets[:, :-1]
        targets (B, T) int64, T >= 1.
    teacher_forcing_loss(decoder, state, targets, bos) -> 0-d tensor
        ONE decoder call on decoder_inputs(targets, bos) from state; the mean
        cross-entropy (交叉熵) of the logits against targets over all B * T tokens.
    free_running_loss(decoder, state, targets, bos) -> 0-d tensor
        T decoder calls with one token each (B, 1): first <bos>, then the argmax of the
        previous call's logits; the state passed on from call to call. The same mean
        cross-entropy of all the collected logits against targets.

Both losses must be differentiable with respect to the decoder's parameters. Do not change
targets in place.
"""

import torch
from torch.nn import functional as F  # noqa: F401


def decoder_inputs(targets: torch.Tensor, bos: int) -> torch.Tensor:
    # TODO: a column of bos, then every target but the last
    raise NotImplementedError


def teacher_forcing_loss(decoder, state, targets: torch.Tensor, bos: int) -> torch.Tensor:
    # TODO: one call on the shifted targets; cross-entropy over every token
    raise NotImplementedError


def free_running_loss(decoder, state, targets: torch.Tensor, bos: int) -> torch.Tensor:
    # TODO: feed back the argmax one step at a time; cross-entropy over every token
    raise NotImplementedError
