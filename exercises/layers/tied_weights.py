"""Tied (shared) parameters (参数绑定 / 共享参数).

To share parameters (共享参数) between layers, build ONE layer and use it twice. Both
positions then hold the very same module, so they read and update the same weight
tensor; during backpropagation (反向传播) the gradients (梯度) of both uses are added up
in that single `.grad`.

Task:
    make_tied_net(in_features, hidden, out_features) -> nn.Sequential of 7 modules:
        0: nn.Linear(in_features, hidden)
        1: nn.ReLU()
        2: shared = nn.Linear(hidden, hidden)
        3: nn.ReLU()
        4: shared                      <- the SAME object as position 2
        5: nn.ReLU()
        6: nn.Linear(hidden, out_features)

Inputs:  X of shape (batch, in_features).
Outputs: net(X) has shape (batch, out_features).
Consequences you can check yourself: `net[2] is net[4]`, `net[2].weight is net[4].weight`,
and `len(list(net.parameters()))` is 6, not 8 (a shared parameter is listed once).
"""

from torch import nn


def make_tied_net(in_features: int, hidden: int, out_features: int) -> nn.Sequential:
    # TODO: build one shared nn.Linear(hidden, hidden) and put it at positions 2 and 4
    raise NotImplementedError
