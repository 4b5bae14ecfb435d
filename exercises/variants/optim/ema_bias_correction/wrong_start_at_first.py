"""Starts the average at the first value instead of 0."""

import torch


def ema(xs: torch.Tensor, beta: float) -> torch.Tensor:
    v = xs[0].clone()
    out = []
    for x in xs:
        v = beta * v + (1 - beta) * x
        out.append(v)
    return torch.stack(out)


def ema_corrected(xs: torch.Tensor, beta: float) -> torch.Tensor:
    t = torch.arange(1, len(xs) + 1, dtype=xs.dtype, device=xs.device)
    correction = (1 - beta ** t).reshape(-1, *([1] * (xs.dim() - 1)))
    return ema(xs, beta) / correction


def effective_window(beta: float) -> float:
    return 1 / (1 - beta)
