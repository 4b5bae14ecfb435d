import torch

from studykit.grading.kit import Case, check_parameter_names, load_named_weights, plain_words

KEY, QUERY, HIDDEN = 2, 20, 8


def _spec(key_size=KEY, query_size=QUERY, hidden=HIDDEN):
    return [("W_k.weight", (hidden, key_size)), ("W_q.weight", (hidden, query_size)),
            ("w_v.weight", (1, hidden))]


def _names(m):
    check_parameter_names(m.AdditiveAttention(KEY, QUERY, HIDDEN), _spec())
    return True


def _model(m, ctx, seed=1, sizes=(KEY, QUERY, HIDDEN), dtype=torch.float32):
    model = load_named_weights(m.AdditiveAttention(*sizes), _spec(*sizes), ctx, seed, scale=0.5)
    return model.to(dtype)


def _run(m, ctx, q, k, v, lens, **kw):
    model = _model(m, ctx, dtype=q.dtype, **kw)
    with torch.no_grad():
        output = model(q, k, v, lens)
    return {"output": output, "attention_weights": model.attention_weights}


def _by_formula(m, ctx, q, k, v):
    """Score every (query, key) pair with the formula, one pair at a time."""
    model = _model(m, ctx)
    with torch.no_grad():
        model(q, k, v)
        B, Lq, Lk = q.shape[0], q.shape[1], k.shape[1]
        scores = torch.empty(B, Lq, Lk, device=q.device)
        for b in range(B):
            for i in range(Lq):
                for j in range(Lk):
                    hidden = torch.tanh(model.W_q.weight @ q[b, i] + model.W_k.weight @ k[b, j])
                    scores[b, i, j] = model.w_v.weight[0] @ hidden
    want = torch.softmax(scores, dim=-1)
    got = model.attention_weights
    return {"shape": tuple(got.shape), "want shape": tuple(want.shape),
            "same": tuple(got.shape) == tuple(want.shape)
            and bool(torch.allclose(got, want, atol=1e-5)),
            "transposed": got.transpose(1, 2).shape == want.shape
            and bool(torch.allclose(got.transpose(1, 2), want, atol=1e-5))}


@plain_words
def verify_formula(got, expected):
    if got["shape"] != got["want shape"]:
        raise AssertionError(f"attention_weights has shape {got['shape']}; with Lq queries and "
                             f"Lk keys it is (B, Lq, Lk) = {got['want shape']}")
    if got["same"]:
        return
    if got["transposed"]:
        raise AssertionError("your weights are the formula's transposed: entry [b, i, j] "
                             "scores query i against key j, so unsqueeze the projected "
                             "queries at dim 2 and the projected keys at dim 1")
    raise AssertionError("your weights differ from softmax_j(w_v . tanh(W_q q_i + W_k k_j)) "
                         "computed pair by pair with your own layers")


def _grads(m, ctx, q, k, v, lens):
    model = _model(m, ctx)
    model(q, k, v, lens).sum().backward()
    return {name: p.grad for name, p in model.named_parameters()}


def cases(ctx):
    q = ctx.randn(2, 1, QUERY, seed=10)
    k = ctx.randn(2, 10, KEY, seed=11)
    v = ctx.randn(2, 10, 4, seed=12)
    lens = ctx.tensor([2, 6])
    q3, k5, v5 = ctx.randn(2, 3, QUERY, seed=13), ctx.randn(2, 5, KEY, seed=14), \
        ctx.randn(2, 5, 3, seed=15)
    q4, k4 = ctx.randn(3, 4, QUERY, seed=16), ctx.randn(3, 4, KEY, seed=17)
    v4 = ctx.randn(3, 4, 2, seed=18)
    per_query = ctx.tensor([[1, 2, 5], [5, 4, 3]])
    return [
        Case("parameter names and shapes (no biases)", _names),
        Case("one query of size 20, ten keys of size 2, valid_lens [2, 6]",
             lambda m: _run(m, ctx, q, k, v, lens), inputs=(q, k, v, lens),
             rtol=1e-5, atol=1e-6),
        Case("3 queries, 5 keys, no mask", lambda m: _run(m, ctx, q3, k5, v5, None),
             rtol=1e-5, atol=1e-6),
        Case("attention_weights equal the formula pair by pair",
             lambda m: _by_formula(m, ctx, q3, k5, v5), verify="verify_formula"),
        Case("Lq = Lk = 4: entry [b, i, j] is query i against key j",
             lambda m: _by_formula(m, ctx, q4, k4, v4), verify="verify_formula"),
        Case("per-query valid lengths (B, Lq)",
             lambda m: _run(m, ctx, q3, k5, v5, per_query), rtol=1e-5, atol=1e-6),
        Case("float64 module and inputs", lambda m: _run(
            m, ctx, q3.double(), k5.double(), v5.double(), None, seed=30)),
        Case("gradients reach W_q, W_k and w_v",
             lambda m: _grads(m, ctx, q3, k5, v5, per_query), rtol=1e-4, atol=1e-5),
    ]
