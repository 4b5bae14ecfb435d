"""last_valid_output indexes step lengths[b] instead of lengths[b] - 1."""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def run_packed(rnn: nn.Module, padded: torch.Tensor, lengths: torch.Tensor):
    packed = pack_padded_sequence(padded, lengths.cpu(), batch_first=True,
                                  enforce_sorted=False)
    packed_output, h_n = rnn(packed)
    output, _ = pad_packed_sequence(packed_output, batch_first=True,
                                    total_length=padded.shape[1])
    return output, h_n


def last_valid_output(output: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    rows = torch.arange(output.shape[0], device=output.device)
    return output[rows, lengths.clamp(max=output.shape[1] - 1).to(output.device)]
