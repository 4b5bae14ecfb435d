import torch

from studykit.grading.kit import Case, plain_words

MASK, CLS, SEP, PAD = 103, 101, 102, 0


def _batch(B, L, V, seed):
    g = torch.Generator().manual_seed(seed)
    tokens = torch.randint(1000, V, (B, L), generator=g)
    lengths = torch.randint(L // 2, L + 1, (B,), generator=g)
    positions = torch.arange(L)[None, :]
    tokens[:, 0] = CLS
    tokens[torch.arange(B), lengths - 1] = SEP
    tokens[positions >= lengths[:, None]] = PAD
    special = (tokens == CLS) | (tokens == SEP) | (tokens == PAD)
    return tokens, special


def _mask(m, tokens, special, V, seed, prob=0.15):
    g = torch.Generator().manual_seed(seed)
    return m.mask_tokens(tokens, special, MASK, V, g, prob)


def _twice(m, tokens, special, V):
    a = _mask(m, tokens, special, V, 5)
    b = _mask(m, tokens, special, V, 5)
    return bool(torch.equal(a[0], b[0]) and torch.equal(a[1], b[1]))


def verify_twice(got, expected):
    if not got:
        raise AssertionError("two calls with generators of the same seed gave different "
                             "results: make every draw with the given generator")


def _statistics(m, V):
    tokens, special = _batch(64, 128, V, seed=11)
    inputs, labels = _mask(m, tokens, special, V, 12)
    chosen = labels != -100
    normal = ~special
    masked = chosen & (inputs == MASK)
    kept = chosen & (inputs == tokens)
    swapped = chosen & ~masked & ~kept
    n = max(int(chosen.sum()), 1)
    return {"chosen": float(chosen.sum()) / float(normal.sum()),
            "masked": float(masked.sum()) / n, "random": float(swapped.sum()) / n,
            "unchanged": float(kept.sum()) / n,
            "special chosen": int((chosen & special).sum()),
            "special changed": int((special & (inputs != tokens)).sum()),
            "labels wrong": int((chosen & (labels != tokens)).sum()),
            "others changed": int((~chosen & (inputs != tokens)).sum())}


@plain_words
def verify_statistics(got, expected):
    if got["special chosen"] or got["special changed"]:
        raise AssertionError("special tokens ([CLS], [SEP], <pad>) were chosen or changed: "
                             "their probability of being chosen is 0")
    if got["labels wrong"]:
        raise AssertionError("at a chosen position the label must be the ORIGINAL token")
    if got["others changed"]:
        raise AssertionError("a position that was not chosen (label -100) must keep its "
                             "token, and the labels must be -100 exactly where nothing was "
                             "chosen")
    bounds = {"chosen": (0.13, 0.17, "of the ordinary tokens should be chosen (15%)"),
              "masked": (0.76, 0.84, "of the chosen tokens should become [MASK] (80%)"),
              "random": (0.07, 0.13, "of the chosen tokens should become a random token "
                                     "(10%)"),
              "unchanged": (0.07, 0.13, "of the chosen tokens should stay unchanged (10%)")}
    for key, (lo, hi, what) in bounds.items():
        if not lo <= got[key] <= hi:
            raise AssertionError(f"{got[key]:.1%} {what}")


def _untouched(m, tokens, special, V):
    copy = tokens.clone()
    _mask(m, tokens, special, V, 3)
    return bool(torch.equal(tokens, copy))


def verify_untouched(got, expected):
    if not got:
        raise AssertionError("mask_tokens changed the tokens it was given: work on "
                             "tokens.clone()")


def cases(ctx):
    V = 30000
    tokens, special = _batch(2, 12, V, seed=1)
    tokens3, special3 = _batch(3, 40, V, seed=2)
    return [
        Case("2 x 12 tokens, seed 40", lambda m: _mask(m, tokens, special, V, 40),
             inputs=(tokens, special)),
        Case("3 x 40 tokens, seed 41", lambda m: _mask(m, tokens3, special3, V, 41)),
        Case("mlm_prob left out: the default 0.15, seed 44",
             lambda m: m.mask_tokens(tokens3, special3, MASK, V,
                                     torch.Generator().manual_seed(44))),
        Case("mlm_prob 0.5, seed 42", lambda m: _mask(m, tokens3, special3, V, 42, prob=0.5)),
        Case("a small vocabulary (V = 2000), seed 43",
             lambda m: _mask(m, *_batch(4, 16, 2000, seed=4), 2000, 43)),
        Case("the same seed gives the same masking", lambda m: _twice(m, tokens3, special3, V),
             verify="verify_twice"),
        Case("about 15% chosen, then 80% [MASK] / 10% random / 10% unchanged (8192 tokens)",
             lambda m: _statistics(m, V), verify="verify_statistics"),
        Case("the given tokens are not changed",
             lambda m: _untouched(m, tokens3, special3, V), verify="verify_untouched"),
    ]
