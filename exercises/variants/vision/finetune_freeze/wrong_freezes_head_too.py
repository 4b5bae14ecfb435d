"""freeze_backbone sets requires_grad=False on every parameter, the new head included."""

import torch
import torch.nn.functional as F
from torch import nn


def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    old = model.fc
    head = nn.Linear(old.in_features, num_classes, device=old.weight.device)
    nn.init.xavier_uniform_(head.weight)
    model.fc = head
    return model


def freeze_backbone(model: nn.Module) -> None:
    for p in model.parameters():
        p.requires_grad_(False)


def make_optimizer(model: nn.Module, lr: float, head_lr_scale: float = 10.0,
                   weight_decay: float = 0.001) -> torch.optim.SGD:
    head = list(model.fc.parameters())
    head_ids = {id(p) for p in head}
    backbone = [p for p in model.parameters() if id(p) not in head_ids and p.requires_grad]
    groups = [{"params": backbone}] if backbone else []
    groups.append({"params": head, "lr": lr * head_lr_scale})
    return torch.optim.SGD(groups, lr=lr, weight_decay=weight_decay)


def fine_tune(model: nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float, steps: int,
              freeze: bool) -> list[float]:
    if freeze:
        freeze_backbone(model)
    optimizer = make_optimizer(model, lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
