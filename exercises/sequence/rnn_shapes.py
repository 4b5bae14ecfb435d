"""Shapes of nn.LSTM and nn.GRU outputs and states (长短期记忆网络, 门控循环单元).

torch's recurrent layers return two things: `output`, the last layer's hidden state at
EVERY time step, and the final hidden state (隐状态) of EVERY layer at the LAST step:
    nn.GRU:  output, h_n = gru(x)
    nn.LSTM: output, (h_n, c_n) = lstm(x)          c_n: the memory cell (记忆元)
Their shapes depend on the options:
    batch_first   True: x and output are (batch, num_steps, features);
                  False (default): (num_steps, batch, features). h_n and c_n are NOT
                  affected: they are always (num_layers * num_directions, batch, hidden).
    num_layers    stacked layers (深度循环神经网络)
    bidirectional 2 directions (双向循环神经网络): output features = 2 * hidden_size,
                  h_n has 2 entries per layer, ordered layer by layer:
                  [layer0 forward, layer0 backward, layer1 forward, ...]

Task (answer from the rules above; do not build or run the modules):
    lstm_shapes(batch, num_steps, input_size, hidden_size, num_layers, bidirectional,
                batch_first) -> (output_shape, h_n_shape, c_n_shape)
    gru_shapes(batch, num_steps, input_size, hidden_size, num_layers, bidirectional,
               batch_first) -> (output_shape, h_n_shape)
        every shape a tuple of ints
    last_layer_state(h_n, num_layers, bidirectional) -> (batch, num_directions * hidden)
        the last layer's final state from h_n; when bidirectional, the forward direction's
        state followed by the backward direction's, concatenated along the features
        (a common input for a classifier head)
"""

import torch


def lstm_shapes(batch: int, num_steps: int, input_size: int, hidden_size: int,
                num_layers: int, bidirectional: bool,
                batch_first: bool) -> tuple[tuple[int, ...], ...]:
    # TODO: the shapes of output, h_n and c_n
    raise NotImplementedError


def gru_shapes(batch: int, num_steps: int, input_size: int, hidden_size: int,
               num_layers: int, bidirectional: bool,
               batch_first: bool) -> tuple[tuple[int, ...], ...]:
    # TODO: the shapes of output and h_n
    raise NotImplementedError


def last_layer_state(h_n: torch.Tensor, num_layers: int, bidirectional: bool) -> torch.Tensor:
    # TODO: pick the last layer's entries of h_n and put the directions side by side
    raise NotImplementedError
