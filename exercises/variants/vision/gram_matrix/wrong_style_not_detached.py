"""style_loss does not detach the target Gram matrix."""

import torch


def gram(X: torch.Tensor) -> torch.Tensor:
    B, C, H, W = X.shape
    features = X.reshape(B, C, H * W)
    return features @ features.transpose(1, 2) / (C * H * W)


def content_loss(Y_hat: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    return torch.square(Y_hat - Y.detach()).mean()


def style_loss(Y_hat: torch.Tensor, gram_Y: torch.Tensor) -> torch.Tensor:
    return torch.square(gram(Y_hat) - gram_Y).mean()


def tv_loss(X: torch.Tensor) -> torch.Tensor:
    return 0.5 * ((X[:, :, 1:, :] - X[:, :, :-1, :]).abs().mean()
                  + (X[:, :, :, 1:] - X[:, :, :, :-1]).abs().mean())


def total_loss(X: torch.Tensor, contents_Y_hat: list[torch.Tensor],
               styles_Y_hat: list[torch.Tensor], contents_Y: list[torch.Tensor],
               styles_gram_Y: list[torch.Tensor], content_weight: float = 1.0,
               style_weight: float = 1e4, tv_weight: float = 10.0) -> torch.Tensor:
    contents = sum(content_loss(y_hat, y)
                   for y_hat, y in zip(contents_Y_hat, contents_Y, strict=True))
    styles = sum(style_loss(y_hat, g) for y_hat, g in zip(styles_Y_hat, styles_gram_Y,
                                                          strict=True))
    return content_weight * contents + style_weight * styles + tv_weight * tv_loss(X)
