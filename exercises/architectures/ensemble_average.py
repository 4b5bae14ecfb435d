"""A model ensemble that averages logits (模型集成).

An ensemble (集成模型) combines several trained models: here every model scores the
same input, the ensemble averages their logits (未规范化的预测, the raw class scores)
and predicts the class with the highest average score. Averaging logits is not the same
as a majority vote (多数投票) of the models' predicted classes: a very confident model
can outvote two unsure ones.

The sub-models must be registered as sub-modules (子模块) so that `parameters()`,
`state_dict()`, `.to(device)` and `.eval()` reach them: store them in an nn.ModuleList,
not a plain Python list.

Task:
    class Ensemble(nn.Module)
        __init__(models): a list of nn.Modules that each map (batch, ...) to logits
            (batch, num_classes); keep them as self.models = nn.ModuleList(models)
            (parameter names "models.0.weight", "models.1.weight", ...)
        forward(x) -> (batch, num_classes): the element-wise mean of the models' logits
        predict(x) -> (batch,) int64: the index of the largest averaged logit per row,
            computed without building an autograd graph (torch.no_grad())

Inputs: x, a float tensor the models accept. Do not change x in place.
"""

import torch
from torch import nn


class Ensemble(nn.Module):
    def __init__(self, models: list[nn.Module]) -> None:
        super().__init__()
        # TODO: register the models as sub-modules
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: the mean of the models' logits
        raise NotImplementedError

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: argmax of the averaged logits, without an autograd graph
        raise NotImplementedError
