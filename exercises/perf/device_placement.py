"""Device placement: pick the GPU when there is one, move model and data there (GPU计算).

A tensor lives on one device (设备): the CPU or a GPU ("cuda"). An operation needs all
its tensors on the same device, so a training or inference step moves the model's
parameters and every tensor of the batch (数据) to one device first. Code that hard-codes
"cuda" crashes on a laptop; code that hard-codes "cpu" never uses the GPU.
`Tensor.to(device)` returns the tensor itself (no copy) when it is already there, and
`Module.to(device)` moves the parameters in place and returns the same module.

Task:
    pick_device() -> torch.device
        torch.device("cuda") if torch.cuda.is_available() (ask at call time) else
        torch.device("cpu"). A torch.device, not a string.
    to_device(batch, device)
        a copy of `batch` with every tensor moved to `device`, looking inside tuples,
        lists and dicts (nested), and keeping each container's type (a tuple stays a
        tuple, a dict keeps its keys). Anything that is not a tensor (ints, strings,
        None) is kept as it is. A tensor already on `device` comes back as the very same
        object (no copy). The given batch and its containers are not changed.
    predict(model, X, device) -> tensor
        move the model and X to `device`, switch the model to evaluation mode (评估模式),
        and return model(X) computed without building an autograd graph; the output stays
        on `device`.

Inputs: device is a torch.device or a string such as "cpu", "cuda", "cuda:0" or "meta"
(a device with shapes but no data, handy for testing). The check also runs pick_device
with CUDA reported present and absent.
"""

import torch
from torch import nn


def pick_device() -> torch.device:
    # TODO: cuda if torch.cuda.is_available() else cpu, as a torch.device
    raise NotImplementedError


def to_device(batch, device):
    # TODO: tensors -> .to(device); tuples, lists, dicts -> the same container, converted
    # TODO: item by item; anything else unchanged
    raise NotImplementedError


def predict(model: nn.Module, X: torch.Tensor, device) -> torch.Tensor:
    # TODO: model and X to device, eval mode, no graph, output on device
    raise NotImplementedError
