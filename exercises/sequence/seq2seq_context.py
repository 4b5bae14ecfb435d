"""An encoder-decoder that feeds the context to every decoder step (编码器-解码器).

The encoder (编码器) reads the source sequence and compresses it into its final hidden
state. The context vector (上下文变量) is the last layer's part of that state. The
decoder (解码器) starts from the encoder's final state and, at EVERY time step, gets
the context concatenated (连结) to the embedding (嵌入) of its input token, so the
source information is not forgotten as decoding goes on.

Task:
    class Seq2Seq(nn.Module)
        __init__(src_vocab, tgt_vocab, embed_size, num_hiddens, num_layers), with exactly
        these attributes (they fix the parameter names):
            self.src_embedding = nn.Embedding(src_vocab, embed_size)
            self.encoder = nn.GRU(embed_size, num_hiddens, num_layers, batch_first=True)
            self.tgt_embedding = nn.Embedding(tgt_vocab, embed_size)
            self.decoder = nn.GRU(embed_size + num_hiddens, num_hiddens, num_layers,
                                  batch_first=True)
            self.output = nn.Linear(num_hiddens, tgt_vocab)
        encode(src) -> (enc_outputs, state)
            src: (batch, src_len) int64 -> the encoder GRU's outputs
            (batch, src_len, num_hiddens) and final state (num_layers, batch, num_hiddens)
        decode(tgt, context, state) -> (logits, state)
            tgt: (batch, tgt_len) int64 decoder inputs; context: (batch, num_hiddens);
            state: (num_layers, batch, num_hiddens), the decoder's initial state.
            Embed tgt to (batch, tgt_len, embed_size), repeat the context along time to
            (batch, tgt_len, num_hiddens), concatenate them on the last dim (embedding
            first), run the decoder GRU from `state`, apply self.output.
            Returns logits (batch, tgt_len, tgt_vocab) and the decoder's new state.
        forward(src, tgt) -> logits (batch, tgt_len, tgt_vocab)
            state = encode(src)'s final state; context = state[-1] (the LAST layer);
            decode(tgt, context, state)'s logits.

    greedy_decode(model, src, bos, num_steps) -> (batch, num_steps) int64
        Greedy prediction (贪心搜索): encode src once; context = its final state[-1];
        start every sequence with the token bos; then num_steps times: call
        model.decode on the single previous token (shape (batch, 1)) with the SAME encoder
        context and the current decoder state, pick the argmax token, feed it back.
        Returns the predicted tokens (bos not included). Run it under torch.no_grad().
"""

import torch
from torch import nn


class Seq2Seq(nn.Module):
    def __init__(self, src_vocab: int, tgt_vocab: int, embed_size: int, num_hiddens: int,
                 num_layers: int) -> None:
        super().__init__()
        # TODO: the five layers, with the attribute names from the docstring
        raise NotImplementedError

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        # TODO: embed the source tokens and run the encoder GRU
        raise NotImplementedError

    def decode(self, tgt: torch.Tensor, context: torch.Tensor,
               state: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        # TODO: embed, concatenate the context at every step, run the decoder, project
        raise NotImplementedError

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        # TODO: encode, take the context from the last layer, decode
        raise NotImplementedError


def greedy_decode(model: Seq2Seq, src: torch.Tensor, bos: int, num_steps: int) -> torch.Tensor:
    # TODO: encode once, then decode one token at a time with the same context
    raise NotImplementedError
