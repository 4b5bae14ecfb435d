"""Save and load a model's parameters (读写文件: 保存和加载模型参数).

A model's `state_dict()` (状态字典) maps names such as "hidden.weight" to tensors: its
parameters (参数) AND its buffers (缓冲区, e.g. BatchNorm's running statistics).
`torch.save` writes it to a file (文件) and `torch.load` reads it back;
`load_state_dict` copies the values into a freshly built model of the same
architecture (架构), which then computes exactly what the original did.

Task:
    save_params(model, f) -> None
        write model.state_dict() to f with torch.save (save the state dict, NOT the
        whole model object).
    load_params(model, f) -> model
        read the state dict from f, copy it into `model` with load_state_dict, switch the
        model to evaluation mode (评估模式, `model.eval()`) and return the same model object.

Inputs:
    model  an nn.Module (in load_params: a fresh model with the same architecture).
    f      a file path (str) or a binary file object such as io.BytesIO, positioned where
           the data starts.
Output: save_params returns None; load_params returns `model` itself.

Example (the MLP below):
    save_params(net, "mlp.params")
    clone = load_params(MLP(), "mlp.params")      # clone(X) equals net.eval()(X)
"""

import torch
from torch import nn


class MLP(nn.Module):
    """A small model to try your functions on (the checks use their own models too)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.output = nn.Linear(256, 10)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return self.output(torch.relu(self.hidden(X)))


def save_params(model: nn.Module, f) -> None:
    # TODO: torch.save the model's state_dict to f
    raise NotImplementedError


def load_params(model: nn.Module, f) -> nn.Module:
    # TODO: torch.load the state dict from f, load it into model, set eval mode, return model
    raise NotImplementedError
