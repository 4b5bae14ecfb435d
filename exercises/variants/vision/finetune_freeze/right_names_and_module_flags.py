"""Splits head and backbone by parameter name, freezes with Module.requires_grad_, and
builds the head with default init followed by xavier_uniform_ in place under no_grad."""

import torch
import torch.nn.functional as F
from torch import nn


def replace_head(model, num_classes):
    in_features = model.fc.weight.shape[1]
    model.fc = nn.Linear(in_features, num_classes).to(model.fc.weight.device)
    with torch.no_grad():
        nn.init.xavier_uniform_(model.fc.weight)
    return model


def freeze_backbone(model):
    model.requires_grad_(False)
    model.fc.requires_grad_(True)


def make_optimizer(model, lr, head_lr_scale=10.0, weight_decay=0.001):
    backbone = [p for name, p in model.named_parameters()
                if not name.startswith("fc.") and p.requires_grad]
    groups = [{"params": model.fc.parameters(), "lr": lr * head_lr_scale}]
    if backbone:
        groups.insert(0, {"params": backbone, "lr": lr})
    return torch.optim.SGD(groups, lr=lr, momentum=0.0, weight_decay=weight_decay)


def fine_tune(model, X, y, lr, steps, freeze):
    if freeze:
        freeze_backbone(model)
    optimizer = make_optimizer(model, lr)
    losses = []
    for _ in range(steps):
        loss = F.cross_entropy(model(X), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    return losses
