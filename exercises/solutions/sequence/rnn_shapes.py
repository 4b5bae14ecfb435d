"""Reference solution: sequence/rnn_shapes."""

import torch


def _shapes(batch, num_steps, hidden_size, num_layers, bidirectional, batch_first):
    directions = 2 if bidirectional else 1
    features = directions * hidden_size
    output = (batch, num_steps, features) if batch_first else (num_steps, batch, features)
    state = (num_layers * directions, batch, hidden_size)
    return output, state


def lstm_shapes(batch: int, num_steps: int, input_size: int, hidden_size: int,
                num_layers: int, bidirectional: bool,
                batch_first: bool) -> tuple[tuple[int, ...], ...]:
    output, state = _shapes(batch, num_steps, hidden_size, num_layers, bidirectional,
                            batch_first)
    return output, state, state


def gru_shapes(batch: int, num_steps: int, input_size: int, hidden_size: int,
               num_layers: int, bidirectional: bool,
               batch_first: bool) -> tuple[tuple[int, ...], ...]:
    return _shapes(batch, num_steps, hidden_size, num_layers, bidirectional, batch_first)


def last_layer_state(h_n: torch.Tensor, num_layers: int, bidirectional: bool) -> torch.Tensor:
    directions = 2 if bidirectional else 1
    _, batch, hidden = h_n.shape
    last = h_n.view(num_layers, directions, batch, hidden)[-1]  # (directions, batch, hidden)
    return last.permute(1, 0, 2).reshape(batch, directions * hidden)
