import math

import torch
from torch.nn import functional as F

from studykit.grading.kit import Case, plain_words

V, H, EOS, BOS = 6, 5, 2, 1


class ToyLM:
    """A seeded recurrent language model whose <eos> logit grows with every step."""

    def __init__(self, seed, eos_rate=0.6, eos_bias=-2.5):
        g = torch.Generator().manual_seed(seed)
        self.emb = torch.randn(V, H, generator=g)
        self.W = 0.8 * torch.randn(H, H, generator=g)
        self.out = 1.2 * torch.randn(H, V, generator=g)
        self.rate, self.bias = eos_rate, eos_bias
        self.log = []

    def initial(self, seed):
        return (torch.randn(H, generator=torch.Generator().manual_seed(seed)), 0)

    def step(self, token, state):
        h, t = state
        self.log.append((t, int(token), round(float(h.sum()), 5)))
        h = torch.tanh(h @ self.W + self.emb[token])
        logits = h @ self.out
        logits[EOS] += self.rate * t + self.bias
        logits[BOS] -= 100.0  # never predicted
        return logits, (h, t + 1)


def _beam(m, seed, beam_size, max_len, alpha=0.75, rate=0.6, bias=-2.5):
    lm = ToyLM(seed, rate, bias)
    tokens, score = m.beam_search(lm.step, lm.initial(seed + 10), BOS, EOS, beam_size,
                                  max_len, alpha)
    return {"tokens": tokens, "score": score, "calls": sorted(lm.log)}


def _greedy_path(lm, state, max_len):
    token, tokens, logp = BOS, [], 0.0
    for _ in range(max_len):
        logits, state = lm.step(token, state)
        token = int(logits.argmax())
        logp += F.log_softmax(logits, dim=-1)[token].item()
        tokens.append(token)
        if token == EOS:
            break
    return tokens, logp


def _default_alpha(m, seed):
    lm = ToyLM(seed)
    tokens, score = m.beam_search(lm.step, lm.initial(seed + 10), BOS, EOS, 3, 7)
    return {"tokens": tokens, "score": score, "calls": sorted(lm.log)}


def _width_one(m, seed, max_len, alpha):
    """beam_size 1 follows the greedy path."""
    lm = ToyLM(seed)
    tokens, score = m.beam_search(lm.step, lm.initial(seed + 10), BOS, EOS, 1, max_len, alpha)
    path, logp = _greedy_path(ToyLM(seed), ToyLM(seed).initial(seed + 10), max_len)
    return {"tokens": tokens, "score": score, "greedy": path,
            "greedy score": logp / len(path) ** alpha}


def _describe(value):
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    return f"a {type(value).__name__}"


def _form(got):
    tokens, score = got["tokens"], got["score"]
    if not isinstance(tokens, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in tokens):
        raise AssertionError(f"tokens should be a list of Python ints, got {_describe(tokens)}"
                             + (f" holding {_describe(tokens[0])}" if isinstance(tokens, list)
                                and tokens else ""))
    if not isinstance(score, float):
        raise AssertionError(f"the score should be a Python float, got {_describe(score)}")


@plain_words
def verify_beam(got, expected):
    _form(got)
    tokens, want = got["tokens"], expected["tokens"]
    calls, want_calls = got["calls"], expected["calls"]
    if len(calls) != len(want_calls):
        raise AssertionError(f"step was called {len(calls)} times, expected {len(want_calls)}:"
                             " once per LIVE hypothesis per step; a hypothesis that ended with"
                             " <eos> is finished and no longer extended, and the search stops"
                             " when none is live")
    if calls != want_calls:
        raise AssertionError("step got different (token, state) pairs than expected: extend "
                             "each hypothesis from its own last token and its own state, and "
                             "keep the beam_size best candidates over ALL hypotheses")
    if tokens != want:
        raise AssertionError(f"returned {tokens}, expected {want}: score every finished "
                             "hypothesis as log P / L ** alpha with L = len(tokens), <eos> "
                             "counted, and return the best")
    if not math.isclose(got["score"], expected["score"], rel_tol=1e-5, abs_tol=1e-6):
        raise AssertionError(f"the score is {got['score']:.6g}, expected "
                             f"{expected['score']:.6g}: the sum of the log_softmax "
                             "log-probabilities divided by len(tokens) ** alpha")


@plain_words
def verify_width_one(got, expected):
    _form(got)
    if got["tokens"] != got["greedy"]:
        raise AssertionError(f"with beam_size 1 beam search is greedy search: expected "
                             f"{got['greedy']}, got {got['tokens']}")
    if not math.isclose(got["score"], got["greedy score"], rel_tol=1e-5, abs_tol=1e-6):
        raise AssertionError(f"with beam_size 1 the score should be {got['greedy score']:.6g} "
                             f"(log P / L ** alpha), got {got['score']:.6g}")


def cases(ctx):
    return [
        Case("beam 3 finds a better sequence than greedy", lambda m: _beam(m, 2, 3, 7),
             verify="verify_beam"),
        Case("beam 3, alpha 0.75", lambda m: _beam(m, 3, 3, 7), verify="verify_beam"),
        Case("alpha left out: the default 0.75", lambda m: _default_alpha(m, 9),
             verify="verify_beam"),
        Case("beam 3, alpha 0 (no length normalisation)",
             lambda m: _beam(m, 3, 3, 7, alpha=0.0), verify="verify_beam"),
        Case("beam 3, alpha 1", lambda m: _beam(m, 9, 3, 7, alpha=1.0), verify="verify_beam"),
        Case("beam 2, hypotheses finish at different steps", lambda m: _beam(m, 10, 2, 7),
             verify="verify_beam"),
        Case("no <eos> within max_len 3: live hypotheses count as finished",
             lambda m: _beam(m, 5, 2, 3, rate=0.0, bias=-30.0), verify="verify_beam"),
        Case("max_len 1", lambda m: _beam(m, 6, 3, 1), verify="verify_beam"),
        Case("beam_size 1 is greedy search", lambda m: _width_one(m, 10, 7, 0.75),
             verify="verify_width_one"),
        Case("beam 5 over 8 steps", lambda m: _beam(m, 13, 5, 8), verify="verify_beam"),
    ]
