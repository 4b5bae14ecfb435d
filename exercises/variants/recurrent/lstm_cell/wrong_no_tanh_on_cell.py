"""Sets h' = o * c' without the tanh on the memory cell."""

import torch


def lstm_cell(x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor],
              weight_ih: torch.Tensor, weight_hh: torch.Tensor, bias_ih: torch.Tensor,
              bias_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    h, c = state
    gates = x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh
    i, f, g, o = gates.chunk(4, dim=1)
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    h = torch.sigmoid(o) * c
    return h, c


def lstm(inputs: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor] | None,
         weight_ih: torch.Tensor, weight_hh: torch.Tensor, bias_ih: torch.Tensor,
         bias_hh: torch.Tensor) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
    if state is None:
        zeros = inputs.new_zeros(inputs.shape[1], weight_hh.shape[1])
        state = (zeros, zeros)
    outputs = []
    for x in inputs:
        state = lstm_cell(x, state, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(state[0])
    return torch.stack(outputs), state
