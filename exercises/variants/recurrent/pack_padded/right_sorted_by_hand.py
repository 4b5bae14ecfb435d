"""Correct: sorts by length by hand, packs sorted, restores the order; last step via gather."""

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def run_packed(rnn, padded, lengths):
    order = torch.argsort(lengths.cpu(), descending=True)
    restore = torch.argsort(order)
    packed = pack_padded_sequence(padded[order.to(padded.device)], lengths.cpu()[order],
                                  batch_first=True)
    out, state = rnn(packed)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=padded.shape[1])
    out = out[restore.to(out.device)]
    if isinstance(state, tuple):
        state = tuple(s[:, restore.to(s.device)] for s in state)
    else:
        state = state[:, restore.to(state.device)]
    return out, state


def last_valid_output(output, lengths):
    index = (lengths.to(output.device) - 1).view(-1, 1, 1).expand(-1, 1, output.shape[2])
    return output.gather(1, index).squeeze(1)
