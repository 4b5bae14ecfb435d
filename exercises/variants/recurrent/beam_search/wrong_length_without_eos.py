"""Does not count <eos> in the length L of the penalty."""

from torch.nn import functional as F


def beam_search(step, state, bos: int, eos: int, beam_size: int, max_len: int,
                alpha: float = 0.75) -> tuple[list[int], float]:
    live = [([], 0.0, state, bos)]  # (tokens, log-probability, state, last token)
    finished = []
    for _ in range(max_len):
        candidates = []
        for tokens, logp, st, last in live:
            logits, new_state = step(last, st)
            for v, lp in enumerate(F.log_softmax(logits, dim=-1).tolist()):
                candidates.append((logp + lp, tokens + [v], new_state))
        candidates.sort(key=lambda c: c[0], reverse=True)
        live = []
        for logp, tokens, st in candidates[:beam_size]:
            if tokens[-1] == eos:
                finished.append((tokens, logp))
            else:
                live.append((tokens, logp, st, tokens[-1]))
        if not live:
            break
    finished += [(tokens, logp) for tokens, logp, _, _ in live]
    def length(t):
        return max(1, len(t) - (t[-1] == eos))

    tokens, logp = max(finished, key=lambda f: f[1] / length(f[0]) ** alpha)
    return tokens, logp / length(tokens) ** alpha
