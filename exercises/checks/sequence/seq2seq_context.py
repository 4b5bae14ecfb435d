import torch

from studykit.grading.kit import Case, check_parameter_names, plain_words

SRC_V, TGT_V, E, H = 10, 12, 4, 6


def _gru(name, d_in, layers):
    spec = []
    for k in range(layers):
        spec += [(f"{name}.weight_ih_l{k}", (3 * H, d_in if k == 0 else H)),
                 (f"{name}.weight_hh_l{k}", (3 * H, H)),
                 (f"{name}.bias_ih_l{k}", (3 * H,)), (f"{name}.bias_hh_l{k}", (3 * H,))]
    return spec


def _spec(layers):
    return [("src_embedding.weight", (SRC_V, E)), *_gru("encoder", E, layers),
            ("tgt_embedding.weight", (TGT_V, E)), *_gru("decoder", E + H, layers),
            ("output.weight", (TGT_V, H)), ("output.bias", (TGT_V,))]


def _model(m, ctx, layers, seed=70, scale=0.6):
    model = m.Seq2Seq(SRC_V, TGT_V, E, H, layers)
    spec = _spec(layers)
    check_parameter_names(model, spec)
    model.load_state_dict({k: (1.0 if "embedding" in k else scale) * ctx.randn(*s, seed=seed + i)
                           for i, (k, s) in enumerate(spec)})
    return model.to(ctx.device).eval()


def _shapes(m, ctx, src, tgt, layers):
    model = m.Seq2Seq(SRC_V, TGT_V, E, H, layers).to(ctx.device)
    enc_out, state = model.encode(src)
    ctx_vec = state[-1]
    logits, dec_state = model.decode(tgt, ctx_vec, state)
    return {"enc_outputs": tuple(enc_out.shape), "state": tuple(state.shape),
            "logits": tuple(logits.shape), "decoder state": tuple(dec_state.shape),
            "forward": tuple(model(src, tgt).shape)}


def _forward(m, ctx, src, tgt, layers):
    with torch.no_grad():
        return _model(m, ctx, layers)(src, tgt)


def _uses_last_layer(m, ctx, src, tgt):
    model = _model(m, ctx, 2)
    with torch.no_grad():
        out = model(src, tgt)
        _, state = model.encode(src)
        last = model.decode(tgt, state[-1], state)[0]
        first = model.decode(tgt, state[0], state)[0]
    return {"last": bool(torch.allclose(out, last, atol=1e-5)),
            "first": bool(torch.allclose(out, first, atol=1e-5))}


def verify_last_layer(got, expected):
    if got["last"]:
        return
    if got["first"]:
        raise AssertionError("forward used state[0], the FIRST layer's final state, as the "
                             "context; the context is the last layer's: state[-1]")
    raise AssertionError("forward(src, tgt) is not decode(tgt, state[-1], state) with state "
                         "the encoder's final state")


def _stepwise(m, ctx, src, tgt):
    """Decoding token by token, carrying the state, equals decoding the whole sequence."""
    model = _model(m, ctx, 2)
    with torch.no_grad():
        _, state = model.encode(src)
        context = state[-1]
        whole, _ = model.decode(tgt, context, state)
        pieces, s = [], state
        for t in range(tgt.shape[1]):
            step, s = model.decode(tgt[:, t:t + 1], context, s)
            pieces.append(step)
    return bool(torch.allclose(whole, torch.cat(pieces, dim=1), atol=1e-5))


def verify_stepwise(got, expected):
    if not got:
        raise AssertionError("decoding one token at a time (passing the returned state on, "
                             "same context) differs from decoding the whole sequence: run "
                             "the decoder GRU from the given state, repeat the context over "
                             "every time step, and return the GRU's new state")


def _context_matters(m, ctx, src, tgt):
    """Changing only the context changes the logits at every time step."""
    model = _model(m, ctx, 1)
    with torch.no_grad():
        _, state = model.encode(src)
        a, _ = model.decode(tgt, state[-1], state)
        b, _ = model.decode(tgt, state[-1] + 1.0, state)
    return [bool((a[:, t] - b[:, t]).abs().max() > 1e-4) for t in range(tgt.shape[1])]


def verify_context(got, expected):
    if not all(got):
        steps = [t for t, changed in enumerate(got) if not changed]
        raise AssertionError(f"changing the context did not change the logits at time steps "
                             f"{steps}: concatenate the context to the embedding at EVERY step")


def _greedy(m, ctx, src, layers, steps):
    return m.greedy_decode(_model(m, ctx, layers, seed=70, scale=1.0), src, 1, steps)


def _greedy_calls(m, ctx, src, steps):
    """Spy on model.decode: every call must get one token and the encoder's context."""
    model = _model(m, ctx, 2, seed=70, scale=1.0)
    with torch.no_grad():
        _, state = model.encode(src)
    log = []
    decode = model.decode

    def spy(tgt, context, dec_state):
        log.append((tuple(tgt.shape), bool(torch.allclose(context, state[-1])),
                    torch.is_grad_enabled()))
        return decode(tgt, context, dec_state)

    model.decode = spy
    m.greedy_decode(model, src, 1, steps)
    return {"calls": len(log), "steps": steps, "log": log, "batch": src.shape[0]}


def verify_greedy_calls(got, expected):
    if got["calls"] != got["steps"]:
        raise AssertionError(f"greedy_decode called model.decode {got['calls']} times for "
                             f"{got['steps']} steps: call it once per generated token")
    if any(shape != (got["batch"], 1) for shape, _, _ in got["log"]):
        raise AssertionError("each decode call should get only the previous token, shape "
                             "(batch, 1), and the decoder state carried from the last call")
    if any(grad for _, _, grad in got["log"]):
        raise AssertionError("decoding ran with gradients on: run greedy_decode under "
                             "torch.no_grad(), as the docstring says (no graph is needed)")
    if not all(same for _, same, _ in got["log"]):
        first = next(i for i, (_, same, _) in enumerate(got["log"]) if not same)
        raise AssertionError(f"decode call {first} got a different context: the context is the "
                             "encoder's final state[-1], computed once; the decoder's state "
                             "changes, the context must not")


@plain_words
def verify_greedy(got, expected):
    if not isinstance(got, torch.Tensor) or got.dtype != torch.int64:
        raise AssertionError("greedy_decode must return an int64 tensor of token indices")
    if tuple(got.shape) != tuple(expected.shape):
        raise AssertionError(f"expected shape {tuple(expected.shape)} (batch, num_steps; bos "
                             f"not included), got {tuple(got.shape)}")
    if not torch.equal(got, expected):
        raise AssertionError(f"predicted {got.tolist()}, expected {expected.tolist()}: encode "
                             "once, keep the encoder's context fixed (do not take it from the "
                             "decoder's changing state), feed back the argmax token each step")


def cases(ctx):
    src = ctx.randint(0, SRC_V, (3, 5), seed=1)
    tgt = ctx.randint(0, TGT_V, (3, 4), seed=2)
    src1 = ctx.randint(0, SRC_V, (1, 2), seed=3)
    tgt1 = ctx.randint(0, TGT_V, (1, 1), seed=4)
    return [
        Case("shapes: 2 layers, batch 3, source 5, target 4",
             lambda m: _shapes(m, ctx, src, tgt, 2),),
        Case("parameter names and shapes (decoder input = embed_size + num_hiddens)",
             lambda m: sorted((k, tuple(v.shape)) for k, v in
                              m.Seq2Seq(SRC_V, TGT_V, E, H, 2).state_dict().items())),
        Case("forward with given weights, 2 layers",
             lambda m: _forward(m, ctx, src, tgt, 2), rtol=1e-5, atol=1e-5),
        Case("forward with given weights, 1 layer, batch 1, one target step",
             lambda m: _forward(m, ctx, src1, tgt1, 1), rtol=1e-5, atol=1e-5),
        Case("forward takes the context from the last layer",
             lambda m: _uses_last_layer(m, ctx, src, tgt), verify=verify_last_layer),
        Case("the context reaches every decoder step",
             lambda m: _context_matters(m, ctx, src, tgt), verify=verify_context),
        Case("decoding step by step equals decoding at once",
             lambda m: _stepwise(m, ctx, src, tgt), verify=verify_stepwise),
        Case("greedy_decode calls decode once per token with the encoder's context",
             lambda m: _greedy_calls(m, ctx, src, 5), verify=verify_greedy_calls),
        Case("greedy_decode: 6 tokens, 2 layers",
             lambda m: _greedy(m, ctx, src, 2, 6), verify=verify_greedy,),
        Case("greedy_decode: 1 layer, batch 1",
             lambda m: _greedy(m, ctx, src1, 1, 4), verify=verify_greedy),
    ]
