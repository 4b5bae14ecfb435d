import torch
from torch import nn

from studykit.grading.kit import Case, plain_words

V, E, H, BOS = 7, 4, 6, 1


class SpyDecoder(nn.Module):
    """Embedding + GRU + Linear; records the tokens of every call."""

    def __init__(self, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.embedding = nn.Embedding(V, E)
        self.rnn = nn.GRU(E, H, batch_first=True)
        self.output = nn.Linear(H, V)
        self.calls = []

    def forward(self, tokens, state):
        self.calls.append(tokens.detach().clone())
        outputs, state = self.rnn(self.embedding(tokens), state)
        logits = self.output(outputs)
        self.last_argmax = logits.detach().argmax(-1)
        return logits, state


def _decoder(ctx, seed):
    return SpyDecoder(seed).to(ctx.device)


def _state(ctx, B, seed):
    return 0.5 * ctx.randn(1, B, H, seed=seed)


def _loss(m, name, ctx, targets, seed):
    decoder = _decoder(ctx, seed)
    loss = getattr(m, name)(decoder, _state(ctx, targets.shape[0], seed), targets, BOS)
    return loss.reshape(()) if isinstance(loss, torch.Tensor) and loss.numel() == 1 else loss


def _teacher_calls(m, ctx, targets):
    decoder = _decoder(ctx, 3)
    m.teacher_forcing_loss(decoder, _state(ctx, targets.shape[0], 3), targets, BOS)
    want = torch.cat([torch.full_like(targets[:, :1], BOS), targets[:, :-1]], dim=1)
    return {"calls": len(decoder.calls),
            "right input": len(decoder.calls) == 1 and decoder.calls[0].shape == want.shape
            and bool(torch.equal(decoder.calls[0], want))}


@plain_words
def verify_teacher_calls(got, expected):
    if got["calls"] != 1:
        raise AssertionError(f"teacher_forcing_loss called the decoder {got['calls']} times: "
                             "with teacher forcing the whole input is known, decode it in "
                             "one call")
    if not got["right input"]:
        raise AssertionError("the decoder's input should be <bos> followed by targets[:, :-1] "
                             "(the true previous token at every step)")


class _FeedbackSpy(SpyDecoder):
    def forward(self, tokens, state):
        expected = getattr(self, "last_argmax", None)
        self.log.append({"shape": tuple(tokens.shape),
                         "fed back": expected is None or (tokens.shape == expected.shape
                                                          and bool(torch.equal(tokens, expected))),
                         "bos first": expected is not None or bool((tokens == BOS).all()),
                         "state given": state is not None})
        return super().forward(tokens, state)


def _free_calls(m, ctx, targets):
    decoder = _FeedbackSpy(4).to(ctx.device)
    decoder.log = []
    m.free_running_loss(decoder, _state(ctx, targets.shape[0], 4), targets, BOS)
    return {"log": decoder.log, "T": targets.shape[1], "B": targets.shape[0]}


@plain_words
def verify_free_calls(got, expected):
    log, T, B = got["log"], got["T"], got["B"]
    if len(log) != T:
        raise AssertionError(f"free_running_loss called the decoder {len(log)} times for {T} "
                             "target tokens: once per token")
    if any(entry["shape"] != (B, 1) for entry in log):
        raise AssertionError("each call should get one token per sequence, shape (B, 1)")
    if not log[0]["bos first"]:
        raise AssertionError("the first call should get <bos> for every sequence")
    for t, entry in enumerate(log[1:], start=1):
        if not entry["fed back"]:
            raise AssertionError(f"call {t} did not get the argmax of the previous call's "
                                 "logits: without teacher forcing the decoder reads its own "
                                 "predictions")
        if not entry["state given"]:
            raise AssertionError(f"call {t} got state None: pass on the state returned by "
                                 "the previous call")


def _grads(m, ctx, targets):
    decoder = _decoder(ctx, 5)
    m.teacher_forcing_loss(decoder, _state(ctx, targets.shape[0], 5), targets, BOS).backward()
    return {k: p.grad for k, p in decoder.named_parameters()}


def cases(ctx):
    targets = ctx.tensor([[3, 4, 5, 2], [6, 2, 0, 0]])
    long_targets = ctx.randint(0, V, (3, 6), seed=1)
    one = ctx.tensor([[5], [2], [4]])
    return [
        Case("decoder_inputs: <bos> + targets[:, :-1]",
             lambda m: m.decoder_inputs(targets, BOS), inputs=(targets,)),
        Case("decoder_inputs: one target token gives just <bos>",
             lambda m: m.decoder_inputs(one, BOS)),
        Case("teacher forcing: one decoder call on the shifted targets",
             lambda m: _teacher_calls(m, ctx, long_targets), verify="verify_teacher_calls"),
        Case("teacher_forcing_loss: batch 2, 4 tokens",
             lambda m: _loss(m, "teacher_forcing_loss", ctx, targets, 6), inputs=(targets,),
             rtol=1e-5, atol=1e-6),
        Case("teacher_forcing_loss: batch 3, 6 tokens",
             lambda m: _loss(m, "teacher_forcing_loss", ctx, long_targets, 7),
             rtol=1e-5, atol=1e-6),
        Case("free running: one token per call, the previous argmax fed back",
             lambda m: _free_calls(m, ctx, long_targets), verify="verify_free_calls"),
        Case("free_running_loss: batch 3, 6 tokens",
             lambda m: _loss(m, "free_running_loss", ctx, long_targets, 7),
             inputs=(long_targets,), rtol=1e-5, atol=1e-6),
        Case("free_running_loss: one token",
             lambda m: _loss(m, "free_running_loss", ctx, one, 8), rtol=1e-5, atol=1e-6),
        Case("teacher_forcing_loss: gradients reach the decoder",
             lambda m: _grads(m, ctx, long_targets), rtol=1e-4, atol=1e-6),
    ]
