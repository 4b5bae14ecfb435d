"""Reference solution: nlp/bert_masking."""

import torch


def _bernoulli(p: float, like: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    probs = torch.full(like.shape, p, device=like.device)  # a float fill: float32
    return torch.bernoulli(probs, generator=generator).bool()


def mask_tokens(tokens: torch.Tensor, special_mask: torch.Tensor, mask_id: int,
                vocab_size: int, generator: torch.Generator,
                mlm_prob: float = 0.15) -> tuple[torch.Tensor, torch.Tensor]:
    probs = torch.full(tokens.shape, mlm_prob, device=tokens.device)
    probs = probs.masked_fill(special_mask, 0.0)
    chosen = torch.bernoulli(probs, generator=generator).bool()
    labels = torch.where(chosen, tokens, torch.full_like(tokens, -100))
    inputs = tokens.clone()
    to_mask = _bernoulli(0.8, tokens, generator) & chosen
    inputs[to_mask] = mask_id
    to_random = _bernoulli(0.5, tokens, generator) & chosen & ~to_mask
    random_tokens = torch.randint(vocab_size, tokens.shape, generator=generator,
                                  device=tokens.device)
    inputs[to_random] = random_tokens[to_random]
    return inputs, labels
