import copy

from studykit.grading.kit import Case, plain_words

LINES = ["the time machine by h g wells",
         "the time traveller for so it will be convenient to speak of him",
         "was expounding a recondite matter to us his grey eyes shone and",
         "twinkled and his usually pale face was flushed and animated the"]


def _tokens(lines):
    return [line.split() for line in lines]


def _describe(vocab):
    return {"idx_to_token": vocab.idx_to_token, "token_to_idx": vocab.token_to_idx,
            "token_freqs": [tuple(pair) for pair in vocab.token_freqs], "len": len(vocab),
            "unk": vocab.unk}


def _build(m, tokens, **kw):
    return _describe(m.Vocab(tokens, **kw))


def _lookups(m, tokens):
    vocab = m.Vocab(tokens, min_freq=2, reserved_tokens=["<pad>"])
    return {"the": vocab["the"], "unknown word": vocab["zebra"], "rare word": vocab["wells"],
            "list": vocab[["time", "zebra", "and"]], "tuple": vocab[("was", "the")],
            "nested": vocab[[["the", "time"], ["and"]]],
            "to_tokens int": vocab.to_tokens(2), "to_tokens list": vocab.to_tokens([0, 3, 1])}


@plain_words
def verify_lookups(got, expected):
    for key, want in expected.items():
        value = got[key]
        if value != want or type(value) is not type(want):
            tip = ""
            if key in ("unknown word", "rare word"):
                tip = " (a token not in the vocabulary reads as '<unk>', index 0)"
            elif isinstance(want, int) and not isinstance(value, int):
                tip = " (a single token gives a single int)"
            elif isinstance(want, str) and not isinstance(value, str):
                tip = " (a single index gives a single str)"
            raise AssertionError(f"lookup {key!r}: expected {want!r}, got {value!r}{tip}")


def _untouched(m, tokens):
    before = copy.deepcopy(tokens)
    m.Vocab(tokens, min_freq=1, reserved_tokens=["<pad>"])
    return tokens == before


def verify_untouched(got, expected):
    if not got:
        raise AssertionError("building the vocabulary changed the token lists you were given: "
                             "count from a copy")


def _error(m):
    try:
        m.tokenize(LINES, "sentence")
    except ValueError:
        return "ValueError"
    return "no error"


def cases(ctx):
    tokens = _tokens(LINES)
    ties = [["b", "a", "c", "a", "b", "d"], ["c", "e"]]
    with_reserved = [["<eos>", "x", "y", "<unk>", "y", "<eos>"]]
    return [
        Case("tokenize: words", lambda m: m.tokenize(LINES[:2])),
        Case("tokenize: characters, spaces kept", lambda m: m.tokenize(["ab c", " d"], "char")),
        Case("tokenize: an unknown token type raises ValueError", _error),
        Case("Vocab of a 4-line corpus", lambda m: _build(m, tokens)),
        Case("ties keep the order of first appearance", lambda m: _build(m, ties)),
        Case("min_freq=2 drops the rare tokens (token_freqs keeps them)",
             lambda m: _build(m, tokens, min_freq=2)),
        Case("reserved tokens follow '<unk>' in the order given",
             lambda m: _build(m, tokens, min_freq=3, reserved_tokens=["<pad>", "<bos>",
                                                                      "<eos>"])),
        Case("a corpus token that is reserved (or '<unk>') is not listed twice",
             lambda m: _build(m, with_reserved, reserved_tokens=["<pad>", "<eos>"])),
        Case("a flat list of tokens", lambda m: _build(m, ["a", "b", "b", "c", "b", "c"])),
        Case("no corpus: just '<unk>' and the reserved tokens",
             lambda m: _build(m, None, reserved_tokens=["<pad>"])),
        Case("lookups: str, unknown, list, tuple, nested; to_tokens",
             lambda m: _lookups(m, tokens), verify="verify_lookups"),
        Case("the given token lists are not changed",
             lambda m: _untouched(m, _tokens(LINES)), verify="verify_untouched"),
    ]
