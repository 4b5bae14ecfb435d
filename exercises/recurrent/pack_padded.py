"""Padded batches through an RNN with pack_padded_sequence (填充与打包序列).

Sequences of different lengths are padded (填充) to one length T so that they fit in one
tensor. Run an RNN over the padded tensor as is and the padding steps change the final
hidden state: a sequence of length 2 padded to 6 ends with a state that has read 4
padding vectors. torch.nn.utils.rnn.pack_padded_sequence tells the RNN each sequence's
real length, so every sequence stops at its own last step; pad_packed_sequence turns the
packed output back into a padded (B, T, ...) tensor with zeros at the padding.

Task (every tensor batch first; rnn is nn.RNN / nn.GRU / nn.LSTM with batch_first=True,
any number of layers, one or two directions):
    run_packed(rnn, padded, lengths) -> (output, h_n)
        padded (B, T, I); lengths (B,) int64, each 1..T, in ANY order (not sorted), on
        any device (pack_padded_sequence wants them on the CPU).
        output (B, T, num_directions * H) with zeros at every padded step -- T columns
        even when the longest sequence is shorter than T; h_n exactly as rnn returns it
        (a tensor, or (h_n, c_n) for an LSTM), in the ORIGINAL batch order, holding each
        sequence's state after its own last real step.
    last_valid_output(output, lengths) -> (B, F)
        output (B, T, F) from a one-direction RNN: row b is output[b, lengths[b] - 1],
        the output at sequence b's last real step (without running anything).

The result must equal running every sequence alone, unpadded. Do not change the inputs in
place.
"""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence  # noqa: F401


def run_packed(rnn: nn.Module, padded: torch.Tensor, lengths: torch.Tensor):
    # TODO: pack (lengths on the CPU, unsorted allowed), run, unpack to T steps
    raise NotImplementedError


def last_valid_output(output: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    # TODO: pick step lengths[b] - 1 of every row b
    raise NotImplementedError
