"""Reference solution: recurrent/greedy_decode."""

import torch


def greedy_decode(step, state, bos: int, eos: int, max_len: int) -> list[int]:
    token, output = bos, []
    for _ in range(max_len):
        logits, state = step(token, state)
        token = int(logits.argmax())
        if token == eos:
            break
        output.append(token)
    return output


def greedy_decode_batch(step_batch, state, bos: int, eos: int, max_len: int,
                        batch_size: int) -> list[list[int]]:
    tokens = torch.full((batch_size,), bos)  # an int fill: int64
    finished = [False] * batch_size
    outputs: list[list[int]] = [[] for _ in range(batch_size)]
    for _ in range(max_len):
        if all(finished):
            break
        logits, state = step_batch(tokens, state)
        tokens = logits.argmax(dim=-1)
        for b, token in enumerate(tokens.tolist()):
            if finished[b]:
                continue
            if token == eos:
                finished[b] = True
            else:
                outputs[b].append(token)
    return outputs
