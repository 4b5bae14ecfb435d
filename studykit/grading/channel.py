"""The results channel: frames on a pipe, and observations as plain data.

A grading child writes frames to a pipe the worker created for it alone::

    kind (1 byte)  length (4 bytes, big endian)  payload

``M`` meta (JSON), ``C`` one case's result, ``D`` done, ``X`` the harness itself failed.
The worker only splits frames (:class:`FrameReader`, no torch); the judge decodes case
payloads (:func:`decode_case`), checking every field, so nothing but plain tensors, numbers,
strings, ``None`` and lists/tuples/dicts of them ever reaches a comparison. There is no
unpickler and no compression: a payload is a JSON header followed by raw tensor bytes, and
a tensor's bytes must be exactly ``numel * itemsize`` long, so a few bytes can never claim
gigabytes.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

META, CASE, DONE, CRASH = b"M", b"C", b"D", b"X"
KINDS = (META, CASE, DONE, CRASH)
HEADER = struct.Struct(">cI")
MAX_DEPTH = 40
MAX_ITEMS = 10_000


class ChannelError(ValueError):
    """The bytes on the channel are not what the grading harness writes."""


@dataclass(frozen=True)
class TensorObs:
    """A tensor the code returned, with what the judge compares besides its values."""
    tensor: Any  # torch.Tensor (on the CPU)
    device: str
    requires_grad: bool


@dataclass(frozen=True)
class Opaque:
    """A value that is not plain data; ``what`` names it for the learner."""
    what: str


def frame(kind: bytes, payload: bytes) -> bytes:
    return HEADER.pack(kind, len(payload)) + payload


class FrameReader:
    """Split a byte stream into frames, refusing more than ``limit`` bytes in all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.buffer = bytearray()
        self.frames: list[tuple[bytes, bytes]] = []
        self.total = 0
        self.problem: str | None = None  # a sentence for the learner

    def feed(self, chunk: bytes) -> None:
        if self.problem:
            return
        self.total += len(chunk)
        if self.total > self.limit:
            self.problem = (f"your code sent more than {self.limit // (1024 * 1024)} MB of "
                            "results; return smaller values")
            self.buffer.clear()
            return
        self.buffer += chunk
        while len(self.buffer) >= HEADER.size:
            kind, length = HEADER.unpack_from(self.buffer)
            if kind not in KINDS:
                self.problem = ("your code wrote into the grader's results channel and "
                                "corrupted it")
                self.buffer.clear()
                return
            if len(self.buffer) < HEADER.size + length:
                return
            self.frames.append((kind, bytes(self.buffer[HEADER.size:HEADER.size + length])))
            del self.buffer[:HEADER.size + length]

    def meta(self) -> dict | None:
        for kind, payload in self.frames:
            if kind == META:
                try:
                    value = json.loads(payload)
                except ValueError:
                    return None
                return value if isinstance(value, dict) else None
        return None

    def cases(self) -> dict[int, bytes]:
        """Case payloads by index (the first frame for an index wins)."""
        found: dict[int, bytes] = {}
        for kind, payload in self.frames:
            if kind == CASE and len(payload) >= 4:
                index = int.from_bytes(payload[:4], "big")
                found.setdefault(index, payload[4:])
        return found

    def done(self) -> bool:
        return any(kind == DONE for kind, _ in self.frames)

    def crash(self) -> str | None:
        return next((p.decode("utf-8", "replace") for k, p in self.frames if k == CRASH), None)


# -- encoding (in the grading child) ---------------------------------------------------

def encode_case(index: int, result: dict, blobs: list[bytes]) -> bytes:
    """A case frame: index, header length, JSON header, then the tensors' bytes."""
    header = json.dumps(result, allow_nan=True).encode()
    return frame(CASE, index.to_bytes(4, "big") + len(header).to_bytes(4, "big") + header
                 + b"".join(blobs))


def observe(value: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """``value`` as JSON-able data, tensors' bytes appended to ``blobs``.

    Only exact built-in types are kept (a subclass of int or list, a numpy scalar, a
    generator... becomes ``{"$": "opaque"}`` naming it); tuples and named tuples (such as
    ``torch.return_types.max``) are tuples; ``torch.Size`` is a tuple of ints."""
    import torch

    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if depth > MAX_DEPTH:
        return {"$": "opaque", "what": "a value nested too deeply"}
    if isinstance(value, torch.Tensor) and kind in (torch.Tensor, torch.nn.Parameter):
        return _observe_tensor(value, blobs)
    if kind is torch.Size:
        return {"$": "tuple", "items": [int(v) for v in value]}
    if kind in (torch.dtype, torch.device):
        return str(value)
    if kind is list or isinstance(value, tuple) and (kind is tuple or hasattr(value, "_fields")
                                                      or kind.__module__ == "torch.return_types"):
        items = [observe(v, blobs, depth + 1) for v in list(value)[:MAX_ITEMS]]
        return {"$": "list" if kind is list else "tuple", "items": items}
    if kind is dict and all(type(k) is str for k in value):
        return {"$": "dict", "items": [[k, observe(v, blobs, depth + 1)] for k, v in value.items()]}
    return {"$": "opaque", "what": describe_type(value)}


def _observe_tensor(value, blobs: list[bytes]) -> dict:
    import torch

    if value.is_meta:
        return {"$": "opaque", "what": "a tensor on the meta device (no values)"}
    if value.layout != torch.strided or value.is_quantized or value.is_nested:
        return {"$": "opaque", "what": f"a {value.layout} tensor"}
    plain = value.detach().cpu()
    flat = torch.empty(plain.numel(), dtype=plain.dtype).copy_(plain.reshape(-1))
    blobs.append(flat.view(torch.uint8).numpy().tobytes() if plain.numel() else b"")
    return {"$": "tensor", "dtype": str(plain.dtype).removeprefix("torch."),
            "shape": list(plain.shape), "device": value.device.type,
            "requires_grad": bool(value.requires_grad), "nbytes": len(blobs[-1])}


def describe_type(value: Any) -> str:
    """A value's type in words: "a generator", "a MyInt (a subclass of int)"."""
    kind = type(value)
    name = kind.__name__ if kind.__module__ in ("builtins", None) else \
        f"{kind.__module__}.{kind.__qualname__}"
    for base in (bool, int, float, str, list, tuple, dict):
        if isinstance(value, base) and kind is not base:
            return f"a {name} (a subclass of {base.__name__})"
    import torch

    if isinstance(value, torch.Tensor):
        return f"a {name} (a subclass of torch.Tensor)"
    return f"a {name}" if kind.__name__[0] not in "aeiouAEIOU" else f"an {name}"


# -- decoding (in the judge) -----------------------------------------------------------

def decode_case(payload: bytes) -> dict:
    """``{"error": str}`` or ``{"value": observation, "mutated": [str]}`` with tensors as
    :class:`TensorObs` and odd values as :class:`Opaque`; raises ChannelError."""
    if len(payload) < 4:
        raise ChannelError("a case result is truncated")
    size = int.from_bytes(payload[:4], "big")
    try:
        header = json.loads(payload[4:4 + size])
    except (ValueError, RecursionError):
        raise ChannelError("a case result is not valid data") from None
    if not isinstance(header, dict):
        raise ChannelError("a case result is not valid data")
    if "error" in header:
        return {"error": _text(header["error"])}
    mutated = header.get("mutated", [])
    if not isinstance(mutated, list):
        raise ChannelError("a case result is not valid data")
    cursor = _Cursor(memoryview(payload)[4 + size:])
    result = {"value": _decode(header.get("value"), cursor, 0),
              "mutated": [_text(m) for m in mutated]}
    if "expected" in header:  # what torch's own function returned (the reference's child)
        result["expected"] = _decode(header["expected"], cursor, 0)
    if cursor.offset != len(cursor.data):
        raise ChannelError("a case result has bytes left over")
    return result


@dataclass
class _Cursor:
    data: memoryview
    offset: int = 0

    def take(self, n: int) -> memoryview:
        if n < 0 or self.offset + n > len(self.data):
            raise ChannelError("a tensor claims more bytes than were sent")
        chunk = self.data[self.offset:self.offset + n]
        self.offset += n
        return chunk


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ChannelError("a case result is not valid data")
    return value


def _decode(node: Any, cursor: _Cursor, depth: int) -> Any:
    if node is None or type(node) in (bool, int, float, str):
        return node
    if depth > MAX_DEPTH or not isinstance(node, dict):
        raise ChannelError("a case result is not valid data")
    tag = node.get("$")
    if tag in ("list", "tuple"):
        items = node.get("items")
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise ChannelError("a case result is not valid data")
        decoded = [_decode(v, cursor, depth + 1) for v in items]
        return decoded if tag == "list" else tuple(decoded)
    if tag == "dict":
        items = node.get("items")
        if not isinstance(items, list) or not all(
                isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in items):
            raise ChannelError("a case result is not valid data")
        return {k: _decode(v, cursor, depth + 1) for k, v in items}
    if tag == "opaque":
        return Opaque(_text(node.get("what")))
    if tag == "tensor":
        return _decode_tensor(node, cursor)
    raise ChannelError("a case result is not valid data")


def _decode_tensor(node: dict, cursor: _Cursor) -> TensorObs:
    import torch

    dtype = getattr(torch, str(node.get("dtype")), None)
    shape = node.get("shape")
    if not isinstance(dtype, torch.dtype) or not isinstance(shape, list) or len(shape) > 32 \
            or not all(type(s) is int and s >= 0 for s in shape):
        raise ChannelError("a tensor in the result is not valid data")
    numel = 1
    for s in shape:
        numel *= s
    itemsize = torch.empty((), dtype=dtype).element_size()
    if node.get("nbytes") != numel * itemsize:
        raise ChannelError("a tensor's size does not match its shape")
    raw = cursor.take(numel * itemsize)
    if numel == 0:
        tensor = torch.empty(shape, dtype=dtype)
    else:
        tensor = torch.frombuffer(bytearray(raw), dtype=torch.uint8).view(dtype).reshape(shape)
    device = node.get("device")
    if device not in ("cpu", "cuda", "mps", "meta") or type(node.get("requires_grad")) is not bool:
        raise ChannelError("a tensor in the result is not valid data")
    return TensorObs(tensor, device, node["requires_grad"])
