"""gram with einsum, losses with F.mse_loss and F.l1_loss, total with explicit loops."""

import torch
import torch.nn.functional as F


def gram(X):
    B, C, H, W = X.shape
    return torch.einsum("bchw,bdhw->bcd", X, X) / (C * H * W)


def content_loss(Y_hat, Y):
    return F.mse_loss(Y_hat, Y.detach())


def style_loss(Y_hat, gram_Y):
    return F.mse_loss(gram(Y_hat), gram_Y.detach())


def tv_loss(X):
    vertical = F.l1_loss(X[:, :, 1:, :], X[:, :, :-1, :])
    horizontal = F.l1_loss(X[:, :, :, 1:], X[:, :, :, :-1])
    return (vertical + horizontal) / 2


def total_loss(X, contents_Y_hat, styles_Y_hat, contents_Y, styles_gram_Y,
               content_weight=1.0, style_weight=1e4, tv_weight=10.0):
    loss = tv_weight * tv_loss(X)
    for y_hat, y in zip(contents_Y_hat, contents_Y, strict=True):
        loss = loss + content_weight * content_loss(y_hat, y)
    for y_hat, g in zip(styles_Y_hat, styles_gram_Y, strict=True):
        loss = loss + style_weight * style_loss(y_hat, g)
    return loss
