"""Greedy search: generate until <eos> or a length limit (贪心搜索).

At prediction time a decoder has no targets to read: it feeds back its own predictions.
Greedy search (贪心搜索) takes, at every time step, the single most likely token (the
argmax of the logits) and stops as soon as that token is <eos> (序列结束词元) or after
max_len steps. It is fast, but a locally best token can lead to a worse whole sequence
(see beam search).

The model is given as a step function:
    logits, new_state = step(token, state)       one sequence
        token: the previous token as a Python int (the first call gets <bos>);
        logits (V,); state: whatever the model carries (pass the returned one on).
    logits, new_state = step_batch(tokens, state)    a batch of B sequences
        tokens (B,) int64; logits (B, V).

Task:
    greedy_decode(step, state, bos, eos, max_len) -> list of Python ints
        the generated tokens, without <bos> and without the <eos> that ends them; at
        most max_len step calls (max_len may be 0); stop right after <eos> is chosen.
    greedy_decode_batch(step_batch, state, bos, eos, max_len, batch_size) -> list of
        batch_size lists of ints: row b is what greedy_decode would give for sequence b.
        Call step_batch once per time step for the whole batch (all rows start with
        <bos>); once a row has produced <eos> it is finished (whatever it predicts later
        is ignored); stop calling step_batch when every row is finished or after max_len
        calls.

Return Python ints (use int(...) or .item()), not tensors.
"""



def greedy_decode(step, state, bos: int, eos: int, max_len: int) -> list[int]:
    # TODO: feed the argmax back until eos or max_len steps
    raise NotImplementedError


def greedy_decode_batch(step_batch, state, bos: int, eos: int, max_len: int,
                        batch_size: int) -> list[list[int]]:
    # TODO: one step_batch call per time step; track which rows are finished
    raise NotImplementedError
