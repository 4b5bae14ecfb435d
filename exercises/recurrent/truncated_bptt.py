"""Stateful minibatches and truncated backpropagation through time (截断反向传播).

A long sequence (a corpus, a price series) is too long to backpropagate through in one
go. Sequential partitioning (顺序分区) cuts it into batch_size parallel streams and reads
them num_steps at a time, so that row b of minibatch i + 1 continues exactly where row b
of minibatch i stopped. The hidden state can then be carried from one minibatch to the
next (the model keeps its memory of the stream), but it must be DETACHED first (从计算图
分离): gradients then stop at the minibatch boundary (truncated BPTT) instead of flowing
back to the start of the stream, which would be slow, use ever more memory, and fail
("Trying to backward through the graph a second time").

Task:
    sequential_batches(corpus, batch_size, num_steps) -> list of (X, Y) pairs
        corpus: a 1-D tensor of length N. Keep the first n = ((N - 1) // batch_size) *
        batch_size values as X streams, Xs = corpus[:n] viewed as (batch_size, n /
        batch_size), and the same shifted by one as Y streams (Y is the next value of X:
        corpus[1:n + 1]). Minibatch i is (Xs[:, i*num_steps:(i+1)*num_steps], the same
        columns of Ys), for the num_batches = (n / batch_size) // num_steps full ones.
        (d2l also starts at a random offset; here the offset is 0.)
    detach_state(state) -> the state cut from its graph
        a tensor (nn.RNN, nn.GRU) -> a detached tensor; a tuple (nn.LSTM's (h, c)) -> a
        tuple of detached tensors; None -> None. The values stay the same.
    train_epoch(rnn, head, batches, lr) -> list of float losses, one per minibatch
        rnn: nn.RNN / nn.GRU / nn.LSTM with batch_first=True; head: nn.Linear applied to
        rnn's outputs; batches: (X (B, T, I), Y (B, T, O)) float pairs in stream order.
        Start with state None; for each minibatch: detach the carried state, run
        output, state = rnn(X, state), loss = nn.functional.mse_loss(head(output), Y),
        clear the gradients of every parameter of rnn and head, backpropagate, and call
        sgd_step(parameters, lr) with rnn's parameters followed by head's. Record
        loss.item().

sgd_step is given; it updates the parameters and does NOT clear their gradients.
"""

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401


def sgd_step(params: list[torch.Tensor], lr: float) -> None:
    """Minibatch SGD: p <- p - lr * p.grad for every parameter (gradients are kept)."""
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad


def sequential_batches(corpus: torch.Tensor, batch_size: int,
                       num_steps: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    # TODO: the X and Y streams (batch_size rows), then cut num_steps columns at a time
    raise NotImplementedError


def detach_state(state):
    # TODO: a tensor, a tuple of tensors, or None
    raise NotImplementedError


def train_epoch(rnn: nn.Module, head: nn.Linear,
                batches: list[tuple[torch.Tensor, torch.Tensor]], lr: float) -> list[float]:
    # TODO: carry the state across minibatches, detached; one SGD step per minibatch
    raise NotImplementedError
