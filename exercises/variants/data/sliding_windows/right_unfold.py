"""Windows with Tensor.unfold (a view, moved so the time axis is last then back), split by torch.split."""

import torch


def make_windows(series: torch.Tensor, tau: int, horizon: int = 1):
    n = len(series) - tau - horizon + 1
    if n <= 0:
        return (series.new_zeros((0, tau, *series.shape[1:])),
                series.new_zeros((0, *series.shape[1:])))
    windows = series[:n + tau - 1].unfold(0, tau, 1)          # (N, [d,] tau)
    if series.dim() == 2:
        windows = windows.transpose(1, 2)                       # (N, tau, d)
    return windows.clone(), series[tau + horizon - 1:].clone()


def time_split(features: torch.Tensor, labels: torch.Tensor, train_fraction: float):
    n_train = int(features.shape[0] * train_fraction)
    sizes = [n_train, features.shape[0] - n_train]
    X_train, X_test = torch.split(features, sizes)
    y_train, y_test = torch.split(labels, sizes)
    return (X_train, y_train), (X_test, y_test)
