"""Runs the RNN on the padded tensor as is, so the padding steps change the final state."""

import torch
from torch import nn


def run_packed(rnn: nn.Module, padded: torch.Tensor, lengths: torch.Tensor):
    return rnn(padded)


def last_valid_output(output: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    rows = torch.arange(output.shape[0], device=output.device)
    return output[rows, lengths.to(output.device) - 1]
