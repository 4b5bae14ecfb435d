"""Beam search with a length-normalised score (束搜索).

Greedy search keeps one hypothesis; exhaustive search (穷举搜索) scores all V^L sequences.
Beam search (束搜索) sits in between: it keeps the beam_size best partial sequences
(hypotheses) at every step.

The model is a step function, as in greedy search:
    logits, new_state = step(token, state)
        token: the previous token as a Python int; logits (V,); each hypothesis carries
        its own state (the one step returned when that hypothesis was extended).

Algorithm (every log-probability is log_softmax of the logits):
    Start with one live hypothesis: no tokens, log-probability 0, the given state, last
    token <bos>. Then, for at most max_len steps:
      * call step once for every live hypothesis, on its last token and its own state;
      * every (hypothesis, next token v) pair is a candidate whose log-probability is the
        hypothesis's plus log p(v); keep the beam_size candidates with the HIGHEST
        log-probability among all of them (no ties occur in the tests);
      * a kept candidate that ends with <eos> is finished: it is not extended any more;
        the other kept candidates are the live hypotheses of the next step;
      * stop early when no hypothesis is live.
    The live hypotheses left after max_len steps count as finished too. Every finished
    hypothesis gets the score
        score = log P(y_1 .. y_L) / L ** alpha         (L = len(tokens), <eos> counted)
    which keeps long sequences from losing just for being long (alpha = 0: no
    normalisation).

Task:
    beam_search(step, state, bos, eos, beam_size, max_len, alpha=0.75)
        -> (tokens, score): the finished hypothesis with the highest score; tokens a list
        of Python ints without <bos>, ending with <eos> if it finished that way; score a
        Python float.
"""

from torch.nn import functional as F  # noqa: F401


def beam_search(step, state, bos: int, eos: int, beam_size: int, max_len: int,
                alpha: float = 0.75) -> tuple[list[int], float]:
    # TODO: expand every live hypothesis, keep the beam_size best candidates overall
    # TODO: move candidates ending with eos to the finished ones; stop when none is live
    # TODO: score the finished hypotheses with the length penalty, return the best
    raise NotImplementedError
