import numpy as np
import torch

from studykit.grading.kit import Case, plain_words


def _grid(dtype=np.float64):
    return np.arange(12, dtype=dtype).reshape(3, 4) / (2 if np.dtype(dtype).kind == "f" else 1)


def _describe_tensor(t):
    if not isinstance(t, torch.Tensor):
        raise AssertionError(f"expected a torch.Tensor, got {type(t).__name__}")
    return {"dtype": t.dtype, "shape": tuple(t.shape), "values": t.detach().clone()}


def _from_numpy(m, name, a):
    before = a.copy()
    t = getattr(m, name)(a)
    info = _describe_tensor(t)
    a.flat[0] = -7  # write through the array ...
    seen_in_tensor = t.flatten()[0].item() == -7
    a[...] = before
    t[tuple(int(i) for i in np.unravel_index(1, a.shape))] = 55  # ... and through the tensor
    seen_in_array = a.flat[1] == 55
    return {**info, "a write to the array shows in the tensor": bool(seen_in_tensor),
            "a write to the tensor shows in the array": bool(seen_in_array)}


def _to_numpy(m, t):
    before = t.detach().clone()
    r = m.to_numpy(t)
    if not isinstance(r, np.ndarray):
        raise AssertionError(f"to_numpy returned {type(r).__name__}, not a NumPy ndarray")
    info = {"dtype": str(r.dtype), "shape": tuple(r.shape),
            "values": torch.from_numpy(np.array(r, copy=True))}
    r.flat[0] = -3
    shared = t.detach().flatten()[0].item() == -3
    with torch.no_grad():
        t.copy_(before)
    return {**info, "shares the tensor's memory": bool(shared)}


def _float32(m, a):
    before = a.copy()
    t = m.as_float32(a)
    return {**_describe_tensor(t), "array unchanged": bool(np.array_equal(a, before)),
            "array dtype": str(a.dtype)}


@plain_words
def verify_bridge(got, expected):
    for key in expected:
        if key in ("values",):
            continue
        if got[key] != expected[key]:
            raise AssertionError(f"{key}: expected {expected[key]!r}, got {got[key]!r}")
    torch.testing.assert_close(got["values"], expected["values"])


def cases(ctx):
    return [
        Case("shared_from_numpy: float64 stays float64, memory shared both ways",
             lambda m: _from_numpy(m, "shared_from_numpy", _grid()), verify="verify_bridge"),
        Case("shared_from_numpy of an int32 array",
             lambda m: _from_numpy(m, "shared_from_numpy", _grid(np.int32)),
             verify="verify_bridge"),
        Case("shared_from_numpy of a strided view a[::2]",
             lambda m: _from_numpy(m, "shared_from_numpy", _grid()[::2]), verify="verify_bridge"),
        Case("copied_from_numpy: float64 kept, its own memory",
             lambda m: _from_numpy(m, "copied_from_numpy", _grid()), verify="verify_bridge"),
        Case("copied_from_numpy of an int64 array",
             lambda m: _from_numpy(m, "copied_from_numpy", _grid(np.int64)),
             verify="verify_bridge"),
        Case("to_numpy of a float32 tensor shares its memory",
             lambda m: _to_numpy(m, torch.arange(6.0).reshape(2, 3)), verify="verify_bridge"),
        Case("to_numpy of a tensor that requires grad (detach, still shared)",
             lambda m: _to_numpy(m, torch.linspace(0, 1, 5).requires_grad_()),
             verify="verify_bridge"),
        Case("to_numpy of an int64 tensor", lambda m: _to_numpy(m, torch.arange(4)),
             verify="verify_bridge"),
        Case("as_float32 of a float64 array (the array is untouched)",
             lambda m: _float32(m, _grid()), verify="verify_bridge"),
        Case("as_float32 of an int64 array", lambda m: _float32(m, _grid(np.int64)),
             verify="verify_bridge"),
        Case("as_float32 of a float32 array", lambda m: _float32(m, _grid(np.float32)),
             verify="verify_bridge"),
    ]
