"""BERT's masked language model inputs: 15%, then 80/10/10 (遮蔽语言模型).

BERT is pretrained by predicting tokens hidden from it (遮蔽语言模型, masked language
model). About 15% of the tokens are chosen as prediction targets; a chosen token is
    replaced by the '[MASK]' token   80% of the time,
    replaced by a random token       10% of the time,
    left unchanged                   10% of the time,
so that the model cannot rely on '[MASK]' (which never appears when it is fine-tuned) and
must keep a good representation of every token. Special tokens ('[CLS]', '[SEP]',
'<pad>') are never chosen. The labels hold the original token at chosen positions and
-100 elsewhere, the ignore_index of F.cross_entropy, so only chosen positions count in
the loss.

Task:
    mask_tokens(tokens, special_mask, mask_id, vocab_size, generator, mlm_prob=0.15)
        -> (inputs, labels), both int64 with tokens' shape
        tokens (B, L) int64; special_mask (B, L) bool, True where a token may not be
        chosen. Make the random draws with the given generator, in exactly this order,
        each over the full (B, L) shape:
          1. chosen = torch.bernoulli(p, generator=generator) with p = mlm_prob
             everywhere except 0.0 at special positions;
          2. to_mask = bernoulli of 0.8 everywhere, AND chosen;
          3. to_random = bernoulli of 0.5 everywhere, AND chosen AND NOT to_mask
             (half of the remaining 20%);
          4. random_tokens = torch.randint(vocab_size, (B, L), generator=generator)
             (int64); positions in to_random take these tokens.
        (torch.bernoulli wants float probabilities: build them with torch.full(...,
        dtype=torch.float32).) The same generator seed must give the same result, and
        tokens must not be changed: build inputs from a copy.
"""

import torch


def mask_tokens(tokens: torch.Tensor, special_mask: torch.Tensor, mask_id: int,
                vocab_size: int, generator: torch.Generator,
                mlm_prob: float = 0.15) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: draw the chosen positions (never special ones); labels = token there, else -100
    # TODO: 80% of the chosen -> mask_id; half of the rest -> a random token; the rest stay
    raise NotImplementedError
