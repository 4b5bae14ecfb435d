"""Keeps the original token as the label at every position instead of -100."""

import torch


def _bernoulli(p: float, like: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    probs = torch.full(like.shape, p, dtype=torch.float32, device=like.device)
    return torch.bernoulli(probs, generator=generator).bool()


def mask_tokens(tokens: torch.Tensor, special_mask: torch.Tensor, mask_id: int,
                vocab_size: int, generator: torch.Generator,
                mlm_prob: float = 0.15) -> tuple[torch.Tensor, torch.Tensor]:
    probs = torch.full(tokens.shape, mlm_prob, dtype=torch.float32, device=tokens.device)
    probs = probs.masked_fill(special_mask, 0.0)
    chosen = torch.bernoulli(probs, generator=generator).bool()
    labels = tokens.clone()
    inputs = tokens.clone()
    to_mask = _bernoulli(0.8, tokens, generator) & chosen
    inputs[to_mask] = mask_id
    to_random = _bernoulli(0.5, tokens, generator) & chosen & ~to_mask
    random_tokens = torch.randint(vocab_size, tokens.shape, generator=generator,
                                  device=tokens.device)
    inputs[to_random] = random_tokens[to_random]
    return inputs, labels
