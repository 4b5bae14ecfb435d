"""Packs with the default enforce_sorted=True, which rejects unsorted lengths."""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def run_packed(rnn: nn.Module, padded: torch.Tensor, lengths: torch.Tensor):
    packed = pack_padded_sequence(padded, lengths.cpu(), batch_first=True)
    packed_output, h_n = rnn(packed)
    output, _ = pad_packed_sequence(packed_output, batch_first=True,
                                    total_length=padded.shape[1])
    return output, h_n


def last_valid_output(output: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    rows = torch.arange(output.shape[0], device=output.device)
    return output[rows, lengths.to(output.device) - 1]
