"""All-reduce: naive, and ring all-reduce chunk by chunk (环同步, ring all-reduce).

After each replica computed its gradients, all-reduce (全归约) leaves EVERY replica with
the sum (or mean) of all of them. Naively one node gathers everything and sends the sum
back: its link carries (k - 1) full copies each way and becomes the bottleneck. Ring
all-reduce puts the k replicas on a ring, cuts each tensor into k chunks and only ever
sends a chunk to the right neighbour (r -> r + 1 mod k):

  reduce-scatter, k - 1 steps: at step s replica r sends its chunk (r - s) mod k, and the
      receiver ADDS it to its own copy of that chunk. Afterwards replica r holds the full
      sum of chunk (r + 1) mod k.
  all-gather, k - 1 steps: at step s replica r sends chunk (r + 1 - s) mod k, and the
      receiver REPLACES its copy. Afterwards every replica holds every summed chunk.

Every replica sends 2 (k - 1) / k of the data however large k is.

Task:
    naive_allreduce(tensors, op="sum") -> list of k tensors
        tensors: one tensor per replica, all the same shape. Each returned tensor is the
        elementwise sum (op="mean": divided by k), a separate tensor per replica (writing
        into one must not change another). The inputs are not changed.
    ring_allreduce(tensors, send, op="sum") -> list of k tensors
        the same result, computed as above: flatten each tensor, cut it into k chunks
        with torch.tensor_split (some may be empty when numel < k), and move EVERY chunk
        through send(src, dst, chunk), which returns the copy that replica dst receives.
        Only send to the right neighbour: dst = (src + 1) % k. Results have the inputs'
        shape; the inputs are not changed.

Inputs: k >= 1 tensors of the same shape and dtype (float or integer; "mean" only for
floats), on the device of the replicas.
"""

import torch


def naive_allreduce(tensors: list[torch.Tensor], op: str = "sum") -> list[torch.Tensor]:
    # TODO: the sum (or mean) of all, one separate copy per replica
    raise NotImplementedError


def ring_allreduce(tensors: list[torch.Tensor], send, op: str = "sum") -> list[torch.Tensor]:
    # TODO: chunks = torch.tensor_split(t.flatten(), k) for a copy of every tensor
    # TODO: reduce-scatter (k - 1 steps), then all-gather (k - 1 steps), through send()
    raise NotImplementedError
