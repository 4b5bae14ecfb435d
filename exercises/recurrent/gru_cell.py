"""A GRU from scratch, equal to nn.GRUCell and nn.GRU (门控循环单元).

A gated recurrent unit (门控循环单元) decides at every step how much of its hidden state
to keep. With torch's weight layout (the gates stacked in the order r, z, n):

    r  = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)          reset gate (重置门)
    z  = sigmoid(x W_iz^T + b_iz + h W_hz^T + b_hz)          update gate (更新门)
    n  = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))       candidate state (候选隐状态)
    h' = (1 - z) * n + z * h                                 new hidden state (隐状态)

weight_ih (3H, I) holds W_ir, W_iz, W_in stacked by rows; weight_hh (3H, H) holds W_hr,
W_hz, W_hn; bias_ih and bias_hh (3H,) likewise. z close to 1 keeps the old state (long-
term dependencies); r close to 0 lets the candidate ignore it (short-term ones).
Note: d2l writes the candidate as tanh(X W_xh + (R * H) W_hh + b_h), resetting h BEFORE
the product; torch (and cuDNN) reset AFTER it, as above. Follow torch here.

Task:
    gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh) -> h' (B, H)
        x (B, I), h (B, H).
    gru(inputs, h0, weight_ih, weight_hh, bias_ih, bias_hh) -> (outputs, h_n)
        inputs (T, B, I), time first; h0 (B, H) or None for zeros. Run gru_cell over the
        time steps, carrying h. outputs (T, B, H) are the states after every step,
        h_n (B, H) the last one.

Keep everything differentiable (no detach), in the inputs' dtype; do not call nn.GRU,
nn.GRUCell or torch's private _VF functions; do not change the inputs in place.
"""

import torch


def gru_cell(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
             weight_hh: torch.Tensor, bias_ih: torch.Tensor,
             bias_hh: torch.Tensor) -> torch.Tensor:
    # TODO: the input and hidden projections, each split into the r, z, n parts
    # TODO: the gates, the candidate state, the new state
    raise NotImplementedError


def gru(inputs: torch.Tensor, h0: torch.Tensor | None, weight_ih: torch.Tensor,
        weight_hh: torch.Tensor, bias_ih: torch.Tensor,
        bias_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: start from h0 (zeros when None), one gru_cell per time step
    raise NotImplementedError
