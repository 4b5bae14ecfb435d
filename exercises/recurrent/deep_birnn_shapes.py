"""A deep bidirectional GRU built from one-direction layers (深度双向循环神经网络).

A bidirectional RNN (双向循环神经网络) runs one RNN forward in time and another backward
(from the last step to the first) and puts their states side by side, so every step sees
its past AND its future context. A deep RNN (深度循环神经网络) stacks such layers: layer
l + 1 reads the concatenated outputs of layer l. nn.GRU(..., num_layers=L,
bidirectional=True) does all of this at once; here you build it from 2L one-direction,
one-layer GRUs and reproduce its output and h_n exactly:

    output (B, T, 2H)     the LAST layer's states at every step; at step t the forward
                          state after reading x_0..x_t, then the backward state after
                          reading x_(T-1)..x_t (features 0..H-1 forward, H..2H-1 backward)
    h_n    (2L, B, H)     the final state of every layer and direction, ordered
                          [layer0 forward, layer0 backward, layer1 forward, ...]; the
                          backward direction's final state is its state at step 0.

Task (all tensors batch first; every GRU given is nn.GRU(in, H, batch_first=True) with
one layer and one direction):
    birnn_layer(x, forward_rnn, backward_rnn) -> (output (B, T, 2H), h_n (2, B, H))
        one bidirectional layer: run forward_rnn on x; run backward_rnn on x reversed in
        time and reverse its outputs back, so that step t lines up with step t.
    deep_birnn(x, layers) -> (output (B, T, 2H), h_n (2L, B, H))
        layers: a list of L (forward_rnn, backward_rnn) pairs; layer 0 reads x (B, T, I),
        each later layer reads the previous layer's (B, T, 2H) output.

Both start from zero states. Do not change x in place.
"""

import torch
from torch import nn


def birnn_layer(x: torch.Tensor, forward_rnn: nn.GRU,
                backward_rnn: nn.GRU) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: forward pass as is; backward pass on x flipped along TIME, flipped back after
    # TODO: concatenate the two outputs on the features; stack the two final states
    raise NotImplementedError


def deep_birnn(x: torch.Tensor,
               layers: list[tuple[nn.GRU, nn.GRU]]) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: feed each layer the previous layer's output; collect the final states in order
    raise NotImplementedError
