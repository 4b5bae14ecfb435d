"""Reference solution: sequence/rnn_scratch."""

import torch


def init_rnn_state(batch_size: int, num_hiddens: int, device: torch.device) -> torch.Tensor:
    return torch.zeros(batch_size, num_hiddens, device=device)


def rnn_step(x_t: torch.Tensor, h_prev: torch.Tensor,
             params: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    U, W, b, V, c = params
    h_t = torch.tanh(x_t @ U + h_prev @ W + b)
    return h_t, h_t @ V + c


def rnn(inputs: torch.Tensor, state: torch.Tensor,
        params: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    outputs = []
    for x_t in inputs:
        state, o_t = rnn_step(x_t, state, params)
        outputs.append(o_t)
    return torch.stack(outputs), state
