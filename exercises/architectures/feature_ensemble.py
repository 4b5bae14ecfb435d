"""Joining the features of several models (模型集成: 特征融合).

Instead of averaging predictions, an ensemble can concatenate (连结) the feature vectors
(特征) that several backbone networks (主干网络, e.g. a ResNet, an Inception net and a
DenseNet) compute for the same input, and train one linear classifier (分类器) on the
joint vector. The backbones are usually pretrained (预训练) and frozen (冻结): their
parameters get requires_grad=False, so only the new head learns.

Task:
    class FeatureEnsemble(nn.Module)
        __init__(backbones, feature_dims, num_classes):
            backbones: list of nn.Modules; backbone i maps x to (batch, feature_dims[i])
            self.backbones = nn.ModuleList(backbones)
            self.head = nn.Linear(sum(feature_dims), num_classes)
            (parameter names "backbones.0.weight", ..., "head.weight", "head.bias")
        forward(x) -> (batch, num_classes):
            head( torch.cat([backbone_0(x), backbone_1(x), ...], dim=1) )
            (features concatenated in the order of the backbones)
        freeze_backbones() -> None:
            set requires_grad=False on every backbone parameter (not on the head)

Inputs: x, a float tensor the backbones accept.
"""

import torch
from torch import nn


class FeatureEnsemble(nn.Module):
    def __init__(self, backbones: list[nn.Module], feature_dims: list[int],
                 num_classes: int) -> None:
        super().__init__()
        # TODO: register the backbones (nn.ModuleList) and the linear head
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: concatenate every backbone's features, then apply the head
        raise NotImplementedError

    def freeze_backbones(self) -> None:
        # TODO: requires_grad=False for every backbone parameter
        raise NotImplementedError
