"""An LSTM from scratch, equal to nn.LSTMCell and nn.LSTM (长短期记忆网络).

Long short-term memory (长短期记忆网络) keeps a memory cell (记忆元) c beside the hidden
state h; three gates control it. With torch's weight layout (gates stacked i, f, g, o):

    i  = sigmoid(x W_ii^T + b_ii + h W_hi^T + b_hi)     input gate (输入门)
    f  = sigmoid(x W_if^T + b_if + h W_hf^T + b_hf)     forget gate (遗忘门)
    g  = tanh(x W_ig^T + b_ig + h W_hg^T + b_hg)        candidate memory (候选记忆元)
    o  = sigmoid(x W_io^T + b_io + h W_ho^T + b_ho)     output gate (输出门)
    c' = f * c + i * g                                   new memory cell
    h' = o * tanh(c')                                    new hidden state (隐状态)

weight_ih (4H, I) holds the four input weights stacked by rows in the order i, f, g, o;
weight_hh (4H, H), bias_ih and bias_hh (4H,) likewise. (d2l computes the gates in the
order I, F, O and then the candidate C~; torch stores i, f, g, o.) With f = 1 and i = 0
the cell carries its memory unchanged, which is how an LSTM bridges long gaps.

Task:
    lstm_cell(x, state, weight_ih, weight_hh, bias_ih, bias_hh) -> (h', c')
        x (B, I); state = (h, c), each (B, H).
    lstm(inputs, state, weight_ih, weight_hh, bias_ih, bias_hh) -> (outputs, (h_n, c_n))
        inputs (T, B, I), time first; state (h0, c0) or None for zeros. Run lstm_cell
        over the time steps carrying (h, c). outputs (T, B, H) stacks the h after every
        step; h_n and c_n (B, H) are the last ones.

Keep everything differentiable (no detach), in the inputs' dtype; do not call nn.LSTM,
nn.LSTMCell or torch's private _VF functions; do not change the inputs in place.
"""

import torch


def lstm_cell(x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor],
              weight_ih: torch.Tensor, weight_hh: torch.Tensor, bias_ih: torch.Tensor,
              bias_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: all gates' pre-activations in one (B, 4H) tensor, split into i, f, g, o
    # TODO: the new memory cell, then the new hidden state
    raise NotImplementedError


def lstm(inputs: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor] | None,
         weight_ih: torch.Tensor, weight_hh: torch.Tensor, bias_ih: torch.Tensor,
         bias_hh: torch.Tensor) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
    # TODO: start from (h0, c0) (zeros when None), one lstm_cell per time step
    raise NotImplementedError
