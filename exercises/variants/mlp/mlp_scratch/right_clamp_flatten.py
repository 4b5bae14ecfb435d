"""relu with clamp, X.flatten(1), log-sum-exp softmax, sizes counted from a list of layers."""

import torch


def init_params(num_inputs: int, num_hiddens: int, num_outputs: int,
                generator: torch.Generator | None = None) -> list[torch.Tensor]:
    params = []
    for fan_in, fan_out in ((num_inputs, num_hiddens), (num_hiddens, num_outputs)):
        W = torch.randn(fan_in, fan_out, generator=generator).mul_(0.01)
        params += [W.requires_grad_(True), torch.zeros(fan_out).requires_grad_(True)]
    return params


def relu(X: torch.Tensor) -> torch.Tensor:
    return X.clamp(min=0)


def net(X: torch.Tensor, params: list[torch.Tensor]) -> torch.Tensor:
    W1, b1, W2, b2 = params
    H = relu(torch.addmm(b1, X.flatten(1), W1))
    return torch.addmm(b2, H, W2)


def softmax(logits: torch.Tensor) -> torch.Tensor:
    return torch.exp(logits - torch.logsumexp(logits, dim=1, keepdim=True))


def num_params(num_inputs: int, num_hiddens: int, num_outputs: int) -> int:
    layers = [(num_inputs, num_hiddens), (num_hiddens, num_outputs)]
    return sum((fan_in + 1) * fan_out for fan_in, fan_out in layers)
