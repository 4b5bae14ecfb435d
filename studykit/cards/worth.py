"""How much a blank carries: which candidates are worth a sibling card of their own.

One good card beats three with two guessable ones. A highlight's first cloze hides what
its rules rank first; a second or third sibling is made only when its blank carries as
much as the first one's (``carry``):

- a name carries most: an API or a keyword argument (``nn.MaxPool2d``, ``retain_graph``),
  an English term (``ResNet``, ``softmax``), a term with its gloss, a number with meaning,
  a term the text defines, and a dictionary term of four characters or more
  (``梯度爆炸``, ``非叶子节点``): a reader recalls it or does not;
- a Chinese dictionary term of three characters (``优化器``, ``迭代器``, ``滤波器``)
  carries less: it is one word, and the words around it often leave only it to fit;
- a Chinese term of two characters (``通道``, ``导数``, ``同步``, ``拼接``) is one
  everyday word, filled in from its neighbours more often than recalled.

So after an API name a sibling may hide another name or a long term, never a word like
``导数`` or ``迭代器``; after a three-character term, another such term. The weaker words
still make the first (or only) card when nothing carries more.
"""

from __future__ import annotations

from studykit.cards.spans import KEYWORD, TERM

NAME, WORD, EVERYDAY = 3, 2, 1  # what a blank carries (see ``carry``)


def carry(tier: int, rank: int, answer: str) -> int:
    """What a blank on ``answer``, found by the rule of ``tier`` (see ``spans``), carries:
    ``NAME``, ``WORD`` or ``EVERYDAY`` (see the module's text); a jieba keyword, the last
    resort, carries least."""
    if tier == TERM and "\u3400" <= answer[0] <= "\u9fff":
        return EVERYDAY if len(answer) <= 2 else WORD if len(answer) == 3 else NAME
    return 0 if tier == KEYWORD else NAME
