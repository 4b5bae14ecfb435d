"""Reference solution: data/sliding_windows."""

import torch


def make_windows(series: torch.Tensor, tau: int, horizon: int = 1):
    n = max(len(series) - tau - horizon + 1, 0)
    features = torch.stack([series[i:i + tau] for i in range(n)]) if n else \
        series.new_empty((0, tau, *series.shape[1:]))
    labels = series[tau + horizon - 1:]  # n labels: the slice stops at the end
    return features, labels


def time_split(features: torch.Tensor, labels: torch.Tensor, train_fraction: float):
    n_train = int(len(features) * train_fraction)
    return (features[:n_train], labels[:n_train]), (features[n_train:], labels[n_train:])
