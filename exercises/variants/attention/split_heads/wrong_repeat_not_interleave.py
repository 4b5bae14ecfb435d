"""Repeats the valid lengths with repeat (a, b, a, b) instead of repeat_interleave (a, a, b, b)."""



def transpose_qkv(X, num_heads):
    B, L, D = X.shape
    if D % num_heads:
        raise ValueError(f"{D} features cannot be split into {num_heads} heads")
    X = X.reshape(B, L, num_heads, D // num_heads).permute(0, 2, 1, 3)
    return X.reshape(B * num_heads, L, D // num_heads)


def transpose_output(X, num_heads):
    BH, L, d = X.shape
    X = X.reshape(BH // num_heads, num_heads, L, d).permute(0, 2, 1, 3)
    return X.reshape(BH // num_heads, L, num_heads * d)


def repeat_valid_lens(valid_lens, num_heads):
    reps = (num_heads,) + (1,) * (valid_lens.dim() - 1)
    return valid_lens.repeat(*reps)
