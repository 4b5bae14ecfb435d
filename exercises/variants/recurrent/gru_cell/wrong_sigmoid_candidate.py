"""Squashes the candidate state with sigmoid instead of tanh."""

import torch


def gru_cell(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
             weight_hh: torch.Tensor, bias_ih: torch.Tensor,
             bias_hh: torch.Tensor) -> torch.Tensor:
    x_r, x_z, x_n = (x @ weight_ih.T + bias_ih).chunk(3, dim=1)
    h_r, h_z, h_n = (h @ weight_hh.T + bias_hh).chunk(3, dim=1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.sigmoid(x_n + r * h_n)
    return (1 - z) * n + z * h


def gru(inputs: torch.Tensor, h0: torch.Tensor | None, weight_ih: torch.Tensor,
        weight_hh: torch.Tensor, bias_ih: torch.Tensor,
        bias_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    H = weight_hh.shape[1]
    h = h0 if h0 is not None else inputs.new_zeros(inputs.shape[1], H)
    outputs = []
    for x in inputs:
        h = gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h
