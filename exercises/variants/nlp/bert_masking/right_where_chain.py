"""Correct: the same draws, combined with torch.where instead of indexed assignment."""

import torch


def mask_tokens(tokens, special_mask, mask_id, vocab_size, generator, mlm_prob=0.15):
    shape = tokens.shape
    p = torch.where(special_mask, torch.tensor(0.0), torch.tensor(float(mlm_prob)))
    chosen = torch.bernoulli(p, generator=generator) > 0
    use_mask = (torch.bernoulli(torch.full(shape, 0.8), generator=generator) > 0) & chosen
    use_random = ((torch.bernoulli(torch.full(shape, 0.5), generator=generator) > 0)
                  & chosen & ~use_mask)
    random_tokens = torch.randint(0, vocab_size, shape, generator=generator)
    inputs = torch.where(use_mask, torch.full_like(tokens, mask_id), tokens)
    inputs = torch.where(use_random, random_tokens, inputs)
    labels = tokens.masked_fill(~chosen, -100)
    return inputs, labels
