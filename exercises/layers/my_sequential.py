"""A minimal Sequential block (层和块: 顺序块).

`nn.Sequential` chains modules (模块): the output of one is the input of the next.
Write your own. The key point is registration (注册): child modules (子模块) stored in a
plain Python list are invisible to PyTorch, so `parameters()` would miss their
parameters (参数) and `.double()`/`.to(device)` would not reach them.

Task:
    class MySequential(nn.Module)
        __init__(*modules): register each module as a child, named by its position
            "0", "1", "2", ... in the order given (like nn.Sequential), e.g. with
            `self.add_module(str(i), module)`.
        forward(X): pass X through the modules in order (前向传播) and return the result.
            With no modules, return X unchanged. The same module may be given twice
            (shared weights, 参数共享): it runs at each of its positions.

Inputs:  any modules, e.g. MySequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10)),
         and X of the shape the first module expects, e.g. (2, 20).
Outputs: the last module's output, e.g. shape (2, 10).
Check yourself: `[name for name, _ in net.named_children()]` is ['0', '1', '2'] and
`net.state_dict()` has keys '0.weight', '0.bias', '2.weight', '2.bias'.
"""

import torch
from torch import nn


class MySequential(nn.Module):
    def __init__(self, *modules: nn.Module) -> None:
        super().__init__()
        # TODO: register each module as a child named "0", "1", ... (a plain list is not enough)
        self.layers = list(modules)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: apply the registered children in order
        raise NotImplementedError
