import torch
from torch.nn import functional as F

from studykit.grading.kit import Case, plain_words


def _lookup_grad_vs_autograd(m, indices, grad_output, V):
    W = torch.zeros(V, grad_output.shape[-1], dtype=grad_output.dtype,
                    device=grad_output.device, requires_grad=True)
    (F.embedding(indices, W) * grad_output).sum().backward()
    return {"yours": m.lookup_grad(indices, grad_output, V), "autograd": W.grad}


@plain_words
def verify_lookup_grad(got, expected):
    yours, want = got["yours"], got["autograd"]
    if tuple(yours.shape) != tuple(want.shape):
        raise AssertionError(f"the gradient should have W's shape {tuple(want.shape)}, got "
                             f"{tuple(yours.shape)}")
    if not torch.allclose(yours, want, atol=1e-6):
        rows = (yours - want).abs().sum(-1).nonzero().flatten().tolist()
        raise AssertionError(f"rows {rows[:5]} of your gradient differ from autograd's: a "
                             "token that occurs several times must get the SUM of their "
                             "upstream gradients (index_add, not assignment)")


def _init(m, V, d, p):
    torch.manual_seed(0)
    emb = m.PaddedEmbedding(V, d, p)
    names = sorted(name for name, _ in emb.named_parameters())
    w = emb.weight.detach()
    return {"names": names, "shape": tuple(w.shape),
            "padding row zero": bool((w[p] == 0).all()),
            "other rows random": bool((w[torch.arange(V) != p].abs().sum(-1) > 0).all())}


@plain_words
def verify_init(got, expected):
    if got["names"] != ["weight"]:
        raise AssertionError(f"PaddedEmbedding should have one parameter named 'weight', has "
                             f"{got['names']}")
    if tuple(got["shape"]) != tuple(expected["shape"]):
        raise AssertionError(f"weight has shape {tuple(got['shape'])}, expected (V, d) = "
                             f"{tuple(expected['shape'])}")
    if not got["padding row zero"]:
        raise AssertionError("the padding row of a new PaddedEmbedding should be zeros")
    if not got["other rows random"]:
        raise AssertionError("the other rows should be drawn with torch.randn")


def _vs_torch(m, V, d, p, indices, seed):
    W = torch.randn(V, d, generator=torch.Generator().manual_seed(seed))
    emb = m.PaddedEmbedding(V, d, p)
    with torch.no_grad():
        emb.weight.copy_(W)
    out = emb(indices)
    g = torch.linspace(-1, 1, out.numel()).view_as(out)
    (out * g).sum().backward()
    W_ref = W.clone().requires_grad_(True)
    ref = F.embedding(indices, W_ref, padding_idx=p)
    (ref * g).sum().backward()
    return {"output": out.detach(), "grad": emb.weight.grad, "torch output": ref.detach(),
            "torch grad": W_ref.grad, "p": p}


@plain_words
def verify_vs_torch(got, expected):
    if not torch.allclose(got["output"], got["torch output"]):
        raise AssertionError("your lookup differs from nn.Embedding(padding_idx=p) with the "
                             "same weights: return the weight's rows as they are (the "
                             "padding row included)")
    grad, want, p = got["grad"], got["torch grad"], got["p"]
    if grad is None:
        raise AssertionError("no gradient reached self.weight")
    if grad[p].abs().max() > 0:
        raise AssertionError("the padding row received a gradient; nn.Embedding(padding_idx) "
                             "never updates it")
    if not torch.allclose(grad, want, atol=1e-6):
        raise AssertionError("the gradient of the non-padding rows differs from "
                             "nn.Embedding's")


def _low_precision(m, indices):
    torch.manual_seed(5)
    emb = m.PaddedEmbedding(5, 3, 1).to(torch.bfloat16)
    with torch.no_grad():
        return emb(indices)


def cases(ctx):
    W = ctx.randn(6, 3, seed=1)
    idx = ctx.tensor([[0, 5, 2], [2, 2, 1]])
    W64 = ctx.randn(10, 4, seed=2, dtype=torch.float64)
    low = ctx.tensor([1, 0, 3])          # the largest index is below V - 1
    g = ctx.randn(2, 3, 3, seed=3)
    rep = ctx.tensor([4, 1, 4, 4, 0])
    g64 = ctx.randn(5, 2, seed=4, dtype=torch.float64)
    pad_idx = ctx.tensor([[3, 0, 1, 0], [2, 2, 0, 4]])
    return [
        Case("embed: (2, 3) indices into a (6, 3) matrix", lambda m: m.embed(idx, W),
             inputs=(idx, W)),
        Case("embed: float64 W keeps float64; indices below V - 1",
             lambda m: m.embed(low, W64)),
        Case("embed: a 0-d index", lambda m: m.embed(ctx.tensor(7), W64)),
        Case("lookup_grad: (2, 3) indices, repeated tokens add up",
             lambda m: m.lookup_grad(idx, g, 6), inputs=(idx, g)),
        Case("lookup_grad equals autograd's gradient of F.embedding",
             lambda m: _lookup_grad_vs_autograd(m, rep, g64, 7), verify="verify_lookup_grad"),
        Case("lookup_grad: tokens never seen get zero rows (float64)",
             lambda m: m.lookup_grad(rep, g64, 9)),
        Case("PaddedEmbedding: weight (V, d), padding row zero, others randn",
             lambda m: _init(m, 5, 3, 0), verify="verify_init"),
        Case("PaddedEmbedding: padding_idx in the middle", lambda m: _init(m, 6, 2, 3),
             verify="verify_init"),
        Case("PaddedEmbedding: outputs and gradients equal nn.Embedding(padding_idx=0)",
             lambda m: _vs_torch(m, 5, 3, 0, pad_idx, 7), verify="verify_vs_torch"),
        Case("PaddedEmbedding in bfloat16 returns bfloat16 rows, as nn.Embedding does",
             lambda m: _low_precision(m, pad_idx)),
        Case("PaddedEmbedding: padding_idx=2", lambda m: _vs_torch(m, 5, 3, 2, pad_idx, 8),
             verify="verify_vs_torch"),
    ]
