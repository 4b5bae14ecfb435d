"""A recurrent neural network from scratch (循环神经网络的从零开始实现).

An RNN reads a sequence one time step (时间步) at a time and carries a hidden state
(隐状态) h from step to step. The SAME parameters are used at every step (参数共享):

    h_t = tanh(x_t @ U + h_{t-1} @ W + b)      hidden state, (batch, num_hiddens)
    o_t = h_t @ V + c                          output (输出), (batch, num_outputs)

with U: (num_inputs, num_hiddens), W: (num_hiddens, num_hiddens), b: (num_hiddens,),
V: (num_hiddens, num_outputs), c: (num_outputs,). params is the tuple (U, W, b, V, c).

Task:
    init_rnn_state(batch_size, num_hiddens, device) -> zeros (batch_size, num_hiddens),
        float32, on the given device
    rnn_step(x_t, h_prev, params) -> (h_t, o_t)
        one time step; x_t: (batch, num_inputs), h_prev: (batch, num_hiddens)
    rnn(inputs, state, params) -> (outputs, state)
        inputs: (num_steps, batch, num_inputs), time first; state: the initial hidden
        state (batch, num_hiddens). Apply rnn_step for t = 0, 1, ..., feeding each step's
        h_t into the next step. Returns outputs (num_steps, batch, num_outputs), the o_t
        stacked along dim 0, and the final hidden state (batch, num_hiddens).

Keep the computation differentiable: gradients must flow back through every time step
(backpropagation through time, 通过时间反向传播), so do not detach the state. Use the
dtype and device of the inputs; do not change the inputs or params in place.
"""

import torch


def init_rnn_state(batch_size: int, num_hiddens: int, device: torch.device) -> torch.Tensor:
    # TODO: a zero hidden state on the given device
    raise NotImplementedError


def rnn_step(x_t: torch.Tensor, h_prev: torch.Tensor,
             params: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: h_t = tanh(x_t U + h_prev W + b); o_t = h_t V + c
    raise NotImplementedError


def rnn(inputs: torch.Tensor, state: torch.Tensor,
        params: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: loop over the time steps, carrying the hidden state
    # TODO: return (outputs stacked over time, final hidden state)
    raise NotImplementedError
