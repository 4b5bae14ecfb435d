"""Sliding windows: turn a time series into (features, label) pairs (序列模型的数据).

To predict a series (时间序列: a stock price, a temperature) from its own past, the
autoregressive model (自回归模型) of the sequence-models chapter uses the last tau values
as features (特征) and a later value as the label (标签):

    features[i] = series[i : i + tau]                        (a window of tau steps)
    labels[i]   = series[i + tau + horizon - 1]              horizon = 1: the next value;
                                                             horizon = k: k steps ahead
    i = 0, 1, ..., T - tau - horizon                         (T - tau - horizon + 1 windows)

With a multivariate series (T, d) (several features per time step, e.g. open/close
prices for an LSTM) a window is (tau, d) and a label is (d,). Unlike images, time-series
samples must be split into training and test sets in time order (no shuffling), or the
model is tested on the past it was trained to predict from the future.

Task:
    make_windows(series, tau, horizon=1) -> (features, labels)
        series (T,)   -> features (N, tau),    labels (N,)
        series (T, d) -> features (N, tau, d), labels (N, d)
        with N = T - tau - horizon + 1, or 0 windows when the series is too short
        (features (0, tau) / (0, tau, d), labels (0,) / (0, d)). Same dtype as series.
    time_split(features, labels, train_fraction) -> ((X_train, y_train), (X_test, y_test))
        the first int(N * train_fraction) windows for training, the rest for testing, in
        time order.

Inputs: series, a tensor (T,) or (T, d); tau >= 1; horizon >= 1; 0 <= train_fraction <= 1.
Do not change series.
"""

import torch


def make_windows(series: torch.Tensor, tau: int, horizon: int = 1):
    # TODO: N windows of tau steps, and the value horizon steps after each window
    raise NotImplementedError


def time_split(features: torch.Tensor, labels: torch.Tensor, train_fraction: float):
    # TODO: the first int(N * train_fraction) windows, then the rest
    raise NotImplementedError
