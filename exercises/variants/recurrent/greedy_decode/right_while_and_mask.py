"""Correct: a while loop for one sequence; a bool tensor of finished rows for the batch."""

import torch


def greedy_decode(step, state, bos, eos, max_len):
    out, prev = [], bos
    while len(out) < max_len:
        logits, state = step(prev, state)
        prev = logits.argmax().item()
        if prev == eos:
            return out
        out.append(prev)
        if len(out) == max_len:
            break
    return out


def greedy_decode_batch(step_batch, state, bos, eos, max_len, batch_size):
    tokens = torch.full((batch_size,), bos)
    done = torch.zeros(batch_size, dtype=torch.bool)
    rows = [[] for _ in range(batch_size)]
    steps = 0
    while steps < max_len and not bool(done.all()):
        logits, state = step_batch(tokens, state)
        steps += 1
        tokens = logits.argmax(-1)
        newly_done = (tokens == eos) & ~done
        for b in torch.nonzero(~done & ~newly_done).flatten().tolist():
            rows[b].append(int(tokens[b]))
        done |= newly_done
    return rows
