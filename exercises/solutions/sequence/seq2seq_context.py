"""Reference solution: sequence/seq2seq_context."""

import torch
from torch import nn


class Seq2Seq(nn.Module):
    def __init__(self, src_vocab: int, tgt_vocab: int, embed_size: int, num_hiddens: int,
                 num_layers: int) -> None:
        super().__init__()
        self.src_embedding = nn.Embedding(src_vocab, embed_size)
        self.encoder = nn.GRU(embed_size, num_hiddens, num_layers, batch_first=True)
        self.tgt_embedding = nn.Embedding(tgt_vocab, embed_size)
        self.decoder = nn.GRU(embed_size + num_hiddens, num_hiddens, num_layers,
                              batch_first=True)
        self.output = nn.Linear(num_hiddens, tgt_vocab)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.encoder(self.src_embedding(src))

    def decode(self, tgt: torch.Tensor, context: torch.Tensor,
               state: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        embedded = self.tgt_embedding(tgt)
        context = context.unsqueeze(1).expand(-1, tgt.shape[1], -1)
        outputs, state = self.decoder(torch.cat((embedded, context), dim=2), state)
        return self.output(outputs), state

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        _, state = self.encode(src)
        logits, _ = self.decode(tgt, state[-1], state)
        return logits


def greedy_decode(model: Seq2Seq, src: torch.Tensor, bos: int, num_steps: int) -> torch.Tensor:
    with torch.no_grad():
        _, state = model.encode(src)
        context = state[-1]
        token = torch.full((src.shape[0], 1), bos, dtype=torch.long, device=src.device)
        predictions = []
        for _ in range(num_steps):
            logits, state = model.decode(token, context, state)
            token = logits.argmax(dim=2)
            predictions.append(token)
        return torch.cat(predictions, dim=1)
