"""Reference solution: recurrent/deep_birnn_shapes."""

import torch
from torch import nn


def birnn_layer(x: torch.Tensor, forward_rnn: nn.GRU,
                backward_rnn: nn.GRU) -> tuple[torch.Tensor, torch.Tensor]:
    out_f, h_f = forward_rnn(x)
    out_b, h_b = backward_rnn(x.flip(1))
    output = torch.cat([out_f, out_b.flip(1)], dim=2)
    return output, torch.cat([h_f, h_b], dim=0)


def deep_birnn(x: torch.Tensor,
               layers: list[tuple[nn.GRU, nn.GRU]]) -> tuple[torch.Tensor, torch.Tensor]:
    finals = []
    for forward_rnn, backward_rnn in layers:
        x, h_n = birnn_layer(x, forward_rnn, backward_rnn)
        finals.append(h_n)
    return x, torch.cat(finals, dim=0)
