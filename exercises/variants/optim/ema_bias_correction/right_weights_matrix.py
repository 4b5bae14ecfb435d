"""Closed form: v_t = (1 - beta) * sum_k beta**(t-k) x_k as one matrix product; correction per row."""

import torch


def ema(xs: torch.Tensor, beta: float) -> torch.Tensor:
    T = len(xs)
    t = torch.arange(T, dtype=xs.dtype, device=xs.device)
    powers = (t[:, None] - t[None, :]).clamp(min=0)
    weights = torch.where(t[:, None] >= t[None, :], (1 - beta) * beta ** powers,
                          torch.zeros((), dtype=xs.dtype, device=xs.device))
    return (weights @ xs.reshape(T, -1)).reshape(xs.shape)


def ema_corrected(xs: torch.Tensor, beta: float) -> torch.Tensor:
    v = ema(xs, beta)
    out = torch.empty_like(v)
    for i in range(len(v)):
        out[i] = v[i] / (1 - beta ** (i + 1))
    return out


def effective_window(beta: float) -> float:
    return float(1.0 / (1.0 - beta))
