"""Correct: d2l style, detach_() in place on the carried state, zero_grad on the modules."""

import torch
from torch import nn


def sgd_step(params, lr):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad


def sequential_batches(corpus, batch_size, num_steps):
    per_row = (len(corpus) - 1) // batch_size
    rows = [corpus[b * per_row:(b + 1) * per_row] for b in range(batch_size)]
    targets = [corpus[b * per_row + 1:(b + 1) * per_row + 1] for b in range(batch_size)]
    batches = []
    for start in range(0, per_row - num_steps + 1, num_steps):
        X = torch.stack([r[start:start + num_steps] for r in rows])
        Y = torch.stack([t[start:start + num_steps] for t in targets])
        batches.append((X, Y))
    return batches


def detach_state(state):
    if isinstance(state, torch.Tensor):
        return state.detach()
    if state is None:
        return state
    return tuple(detach_state(s) for s in state)


def train_epoch(rnn, head, batches, lr):
    loss_fn = nn.MSELoss()
    losses = []
    state = None
    for X, Y in batches:
        if state is not None:
            for s in (state if isinstance(state, tuple) else (state,)):
                s.detach_()
        out, state = rnn(X, state)
        loss = loss_fn(head(out), Y)
        rnn.zero_grad()
        head.zero_grad()
        loss.backward()
        sgd_step(list(rnn.parameters()) + list(head.parameters()), lr)
        losses.append(float(loss))
    return losses
