"""Reference solution: architectures/feature_ensemble."""

import torch
from torch import nn


class FeatureEnsemble(nn.Module):
    def __init__(self, backbones: list[nn.Module], feature_dims: list[int],
                 num_classes: int) -> None:
        super().__init__()
        self.backbones = nn.ModuleList(backbones)
        self.head = nn.Linear(sum(feature_dims), num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = torch.cat([backbone(x) for backbone in self.backbones], dim=1)
        return self.head(features)

    def freeze_backbones(self) -> None:
        for p in self.backbones.parameters():
            p.requires_grad_(False)
