"""Fine-tuning a pretrained model: new output layer, frozen backbone, 10x head lr (微调).

Fine-tuning (微调) reuses a model pretrained (预训练) on a large data set (ImageNet) for a
small target data set (目标数据集): the backbone (主干网络, the feature extractor 特征
提取) has already learned useful features, so
    - the output layer (输出层) is replaced by a new one with one output per target
      class, initialised at random (here: Xavier uniform, 随机初始化);
    - the pretrained layers either keep learning with a small learning rate, or some
      of them are frozen (固定一些层, 冻结: requires_grad=False, so no gradient is
      computed for them and the optimizer leaves them alone);
    - the new output layer, which starts from scratch, learns with a learning rate 10
      times larger. (When the target classes are also source classes, the pretrained
      classifier's weights of those classes can be reused instead: 重用分类器权重.)
Here the model is any nn.Module whose output layer is the nn.Linear `model.fc` (as in
torchvision's ResNet); all its other parameters are "the backbone".

Task:
    replace_head(model, num_classes) -> model
        model.fc = a new nn.Linear(model.fc.in_features, num_classes) on the old fc's
        device; nn.init.xavier_uniform_ on its weight (the bias keeps nn.Linear's own
        initialisation). Returns the same model object; no other parameter changes.
    freeze_backbone(model) -> None
        requires_grad=False on every parameter outside model.fc; fc stays trainable.
    make_optimizer(model, lr, head_lr_scale=10.0, weight_decay=0.001) -> torch.optim.SGD
        plain SGD (no momentum) with two parameter groups (参数组): the trainable backbone
        parameters at lr, and model.fc's parameters at lr * head_lr_scale; weight_decay
        in both. Frozen parameters are not given to the optimizer at all (leave out the
        backbone group when nothing in it is trainable).
    fine_tune(model, X, y, lr, steps, freeze) -> list[float]
        if freeze: freeze_backbone(model); then optimizer = make_optimizer(model, lr)
        and `steps` full-batch steps on (X, y): zero the gradients, loss =
        F.cross_entropy(model(X), y), backward, step. Returns each step's loss as a
        Python float (before that step's update). X and y are on the model's device.
"""

import torch
import torch.nn.functional as F  # noqa: F401
from torch import nn


def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    # TODO: a new nn.Linear output layer with Xavier-uniform weights, on fc's device
    raise NotImplementedError


def freeze_backbone(model: nn.Module) -> None:
    # TODO: requires_grad=False for every parameter that is not one of model.fc's
    raise NotImplementedError


def make_optimizer(model: nn.Module, lr: float, head_lr_scale: float = 10.0,
                   weight_decay: float = 0.001) -> torch.optim.SGD:
    # TODO: one group for the trainable backbone parameters, one for fc at a larger lr
    raise NotImplementedError


def fine_tune(model: nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float, steps: int,
              freeze: bool) -> list[float]:
    # TODO: freeze if asked, build the optimizer, run the steps, collect loss.item()
    raise NotImplementedError
