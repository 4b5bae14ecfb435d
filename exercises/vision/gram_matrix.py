"""Style transfer losses: content, Gram-matrix style, total variation (风格迁移).

Neural style transfer (样式迁移, 风格迁移) starts from an image X and changes its pixels
(the image is the only thing trained, 合成图像) so that a pretrained CNN (e.g. VGG-19)
sees the content (内容) of a content image in some layers and the style (样式) of a
style image in other layers. Three losses:

    content loss (内容损失): mean squared difference of the features of X (Y_hat) and of
        the content image (Y) in a content layer.
    style loss (样式损失): the style of a layer's features is their Gram matrix (格拉姆矩阵):
        reshape one example's features (C, H, W) to F of shape (C, H * W); then
        G = F @ F.T / (C * H * W), a (C, C) matrix of how much channels i and j fire
        together (channel correlations), wherever they are in the image. The style loss
        is the mean squared difference of G(Y_hat) and the style image's G.
    total variation loss (全变分损失, 全变分去噪): reduces noise by penalising
        differences between neighbouring pixels:
        0.5 * (mean |X[:, :, 1:, :] - X[:, :, :-1, :]| + mean |X[:, :, :, 1:] - X[:, :, :, :-1]|)

The targets (the content image's features, the style image's Gram matrices) are
constants: gradients must reach Y_hat (and so X) but never the targets (detach them).

Task (all tensors are float; losses are 0-d tensors (标量) through which autograd works):
    gram(X) -> (B, C, C): X (B, C, H, W); one Gram matrix per example.
    content_loss(Y_hat, Y) -> 0-d tensor (Y_hat and Y of the same shape)
    style_loss(Y_hat, gram_Y) -> 0-d tensor: Y_hat (B, C, H, W), gram_Y (B, C, C)
    tv_loss(X) -> 0-d tensor: X (B, C, H, W) with H, W >= 2
    total_loss(X, contents_Y_hat, styles_Y_hat, contents_Y, styles_gram_Y,
               content_weight=1.0, style_weight=1e4, tv_weight=10.0) -> 0-d tensor
        content_weight * (sum of the content losses of matching list entries)
        + style_weight * (sum of the style losses of matching list entries)
        + tv_weight * tv_loss(X)
The inputs are not changed.
"""

import torch


def gram(X: torch.Tensor) -> torch.Tensor:
    # TODO: (B, C, H * W) features, their channel-by-channel products, normalised
    raise NotImplementedError


def content_loss(Y_hat: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    # TODO: mean squared difference with the (detached) content features
    raise NotImplementedError


def style_loss(Y_hat: torch.Tensor, gram_Y: torch.Tensor) -> torch.Tensor:
    # TODO: mean squared difference of Gram matrices, the target detached
    raise NotImplementedError


def tv_loss(X: torch.Tensor) -> torch.Tensor:
    # TODO: mean absolute difference of vertical and of horizontal neighbours, halved
    raise NotImplementedError


def total_loss(X: torch.Tensor, contents_Y_hat: list[torch.Tensor],
               styles_Y_hat: list[torch.Tensor], contents_Y: list[torch.Tensor],
               styles_gram_Y: list[torch.Tensor], content_weight: float = 1.0,
               style_weight: float = 1e4, tv_weight: float = 10.0) -> torch.Tensor:
    # TODO: the weighted sum of all content losses, all style losses and the tv loss
    raise NotImplementedError
