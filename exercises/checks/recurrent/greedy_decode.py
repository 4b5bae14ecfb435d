import torch

from studykit.grading.kit import Case, plain_words

V, H, EOS, BOS = 7, 5, 2, 1


class ToyLM:
    """A seeded recurrent language model whose <eos> logit grows with every step."""

    def __init__(self, seed, eos_rate=0.7, eos_bias=-1.5):
        g = torch.Generator().manual_seed(seed)
        self.emb = torch.randn(V, H, generator=g)
        self.W = 0.8 * torch.randn(H, H, generator=g)
        self.out = 1.5 * torch.randn(H, V, generator=g)
        self.rate, self.bias = eos_rate, eos_bias
        self.log = []

    def initial(self, seed, batch=None):
        g = torch.Generator().manual_seed(seed)
        shape = (H,) if batch is None else (batch, H)
        return (torch.randn(*shape, generator=g), 0)

    def _next(self, token, state):
        h, t = state
        h = torch.tanh(h @ self.W + self.emb[token])
        logits = h @ self.out
        logits[..., EOS] += self.rate * t + self.bias
        logits[..., BOS] -= 100.0  # never predicted
        return logits, (h, t + 1)

    def step(self, token, state):
        self.log.append([int(token), state[1]])
        return self._next(token, state)

    def step_batch(self, tokens, state):
        self.log.append([tokens.tolist(), state[1]])
        return self._next(tokens, state)


def _greedy(m, seed, state_seed, max_len, rate=0.7, bias=-1.5):
    lm = ToyLM(seed, rate, bias)
    result = m.greedy_decode(lm.step, lm.initial(state_seed), BOS, EOS, max_len)
    return {"result": result, "calls": lm.log}


def _batch(m, seed, state_seed, max_len, batch, rate=0.7):
    lm = ToyLM(seed, rate)
    result = m.greedy_decode_batch(lm.step_batch, lm.initial(state_seed, batch), BOS, EOS,
                                   max_len, batch)
    return {"result": result, "calls": lm.log}


def _describe(value):
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    return f"a {type(value).__name__}"


def _check_ints(result):
    if not isinstance(result, list):
        raise AssertionError(f"return a list of Python ints, got {_describe(result)}")
    bad = [v for v in result if not isinstance(v, int) or isinstance(v, bool)]
    if bad:
        raise AssertionError(f"return Python ints (int(...) or .item()), got {_describe(bad[0])}"
                             " in the list")


@plain_words
def verify_greedy(got, expected):
    result, want = got["result"], expected["result"]
    _check_ints(result)
    calls, want_calls = got["calls"], expected["calls"]
    if result != want:
        tip = ""
        if result == want + [EOS]:
            tip = ": leave out the <eos> that ends the sequence"
        elif result[:1] == [BOS] and result[1:] == want:
            tip = ": leave out <bos>"
        elif len(result) > len(want) and EOS in result:
            tip = ": stop as soon as <eos> is chosen"
        raise AssertionError(f"generated {result}, expected {want}{tip}")
    if len(calls) != len(want_calls):
        raise AssertionError(f"step was called {len(calls)} times, expected {len(want_calls)}: "
                             "one call per generated token, stopping right after <eos> or "
                             "after max_len calls")
    for i, (a, b) in enumerate(zip(calls, want_calls, strict=True)):
        if a != b:
            raise AssertionError(f"call {i} got token {a[0]} at step {a[1]}, expected token "
                                 f"{b[0]} at step {b[1]}: feed the previous argmax and pass "
                                 "on the state step returned")


@plain_words
def verify_batch(got, expected):
    result, want = got["result"], expected["result"]
    if not isinstance(result, list) or len(result) != len(want):
        raise AssertionError(f"return a list of {len(want)} lists (one per sequence), got "
                             f"{_describe(result)}")
    for b, (row, want_row) in enumerate(zip(result, want, strict=True)):
        _check_ints(row)
        if row != want_row:
            tip = ""
            if len(row) > len(want_row) and row[:len(want_row)] == want_row:
                tip = ": once a row has produced <eos> it is finished, ignore its later tokens"
            raise AssertionError(f"row {b}: generated {row}, expected {want_row}{tip}")
    calls, want_calls = got["calls"], expected["calls"]
    if len(calls) != len(want_calls):
        raise AssertionError(f"step_batch was called {len(calls)} times, expected "
                             f"{len(want_calls)}: once per time step for the whole batch, "
                             "stopping when every row is finished")
    if calls != want_calls:
        raise AssertionError("step_batch got different tokens or states than expected: feed "
                             "every row's previous argmax (a (B,) tensor) and pass on the "
                             "state it returned")


def cases(ctx):
    return [
        Case("one sequence that ends with <eos>", lambda m: _greedy(m, 5, 15, 12, rate=0.5),
             verify="verify_greedy"),
        Case("a sequence cut at max_len = 3", lambda m: _greedy(m, 7, 17, 3, rate=0.0),
             verify="verify_greedy"),
        Case("max_len = 0: no call, no token", lambda m: _greedy(m, 2, 12, 0),
             verify="verify_greedy"),
        Case("<eos> as the very first prediction",
             lambda m: _greedy(m, 3, 13, 8, rate=0.0, bias=50.0), verify="verify_greedy"),
        Case("another model: <eos> after 2 tokens", lambda m: _greedy(m, 11, 21, 10, rate=0.5),
             verify="verify_greedy"),
        Case("batch of 4: rows finish at different steps",
             lambda m: _batch(m, 5, 15, 12, 4, rate=0.5), verify="verify_batch"),
        Case("batch of 4: one row finishes after one token",
             lambda m: _batch(m, 6, 16, 12, 4, rate=0.5), verify="verify_batch"),
        Case("batch of 3 cut at max_len = 4", lambda m: _batch(m, 7, 17, 4, 3, rate=0.5),
             verify="verify_batch"),
        Case("batch of 1", lambda m: _batch(m, 4, 14, 9, 1, rate=0.5), verify="verify_batch"),
    ]
