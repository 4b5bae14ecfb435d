"""Correct: stacks the live hypotheses' log-probabilities and takes torch.topk over all of them."""

import torch


def beam_search(step, state, bos, eos, beam_size, max_len, alpha=0.75):
    hyps = [{"tokens": [], "logp": torch.tensor(0.0, dtype=torch.float64), "state": state,
             "last": bos}]
    done = []
    for _ in range(max_len):
        rows, states = [], []
        for hyp in hyps:
            logits, new_state = step(hyp["last"], hyp["state"])
            rows.append(hyp["logp"] + torch.log_softmax(logits.double(), dim=-1))
            states.append(new_state)
        table = torch.stack(rows)  # (live, V)
        k = min(beam_size, table.numel())
        best, flat = torch.topk(table.flatten(), k)
        nxt = []
        for logp, index in zip(best, flat.tolist(), strict=True):
            row, token = divmod(index, table.shape[1])
            tokens = hyps[row]["tokens"] + [token]
            if token == eos:
                done.append((tokens, logp))
            else:
                nxt.append({"tokens": tokens, "logp": logp, "state": states[row],
                            "last": token})
        hyps = nxt
        if not hyps:
            break
    done.extend((h["tokens"], h["logp"]) for h in hyps)
    scored = [(float(lp) / len(t) ** alpha, t) for t, lp in done]
    score, tokens = max(scored, key=lambda s: s[0])
    return tokens, score
