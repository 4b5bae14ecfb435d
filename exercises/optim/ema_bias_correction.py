"""Exponentially weighted moving averages and their bias correction (指数加权移动平均).

Momentum and Adam both keep an exponentially weighted moving average (指数加权移动平均,
EMA) of the gradients: a leaky average (泄漏平均) that remembers about the last
1 / (1 - beta) values (beta = 0.9: ~10 steps, 0.999: ~1000):

    v_0 = 0
    v_t = beta * v_{t-1} + (1 - beta) * x_t            t = 1, 2, ..., T

Starting from 0 biases the first values towards 0: for a constant series x_t = c,
v_t = (1 - beta**t) * c, far below c at first. Dividing by (1 - beta**t) removes the bias
exactly (偏差校正, bias correction) — that is what Adam does to its moments.

Task:
    ema(xs, beta) -> tensor (T, ...)              [v_1, ..., v_T] stacked along dim 0
    ema_corrected(xs, beta) -> tensor (T, ...)    [v_t / (1 - beta**t) for t = 1..T]
    effective_window(beta) -> float               1 / (1 - beta)

Inputs:  xs, a float tensor (T, ...) — T values in order (numbers, or gradient vectors of
         any shape); 0 <= beta < 1.
Outputs: tensors with xs's shape and dtype (not lists); a Python float. Do not change xs.
The check also compares ema with torch.optim.Adam's first moment (state["exp_avg"]).
"""

import torch


def ema(xs: torch.Tensor, beta: float) -> torch.Tensor:
    # TODO: v starts at zeros; v = beta * v + (1 - beta) * x for every x in order; stack
    raise NotImplementedError


def ema_corrected(xs: torch.Tensor, beta: float) -> torch.Tensor:
    # TODO: divide v_t by 1 - beta ** t, with t counting from 1
    raise NotImplementedError


def effective_window(beta: float) -> float:
    # TODO: 1 / (1 - beta)
    raise NotImplementedError
