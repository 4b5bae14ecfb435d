"""Reference solution: layers/tied_weights."""

from torch import nn


def make_tied_net(in_features: int, hidden: int, out_features: int) -> nn.Sequential:
    shared = nn.Linear(hidden, hidden)
    return nn.Sequential(nn.Linear(in_features, hidden), nn.ReLU(),
                         shared, nn.ReLU(),
                         shared, nn.ReLU(),
                         nn.Linear(hidden, out_features))
