"""Card generation: cloze spans by rule, Q&A, thought cards, shape and code cards, stability.

Shape answers are checked against real torch: the test runs each snippet and compares the
generator's answer with the output shape of the last module call (a global forward hook).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studykit.cards import CardSpec
from studykit.cards.cloze import BLANK, MAX_HIDDEN_SHARE, blank_out
from studykit.cards.generate import generate_cards, opening
from studykit.cards.layout import units
from studykit.cards.lexicon import stopwords, terms
from studykit.cards.qa import question
from studykit.cards.shapes import pool_size
from studykit.cards.snippet import infer
from studykit.cards.trim import trim


def clozes(text: str) -> list[tuple[str, str]]:
    """(answer, front) of the cloze cards, in ordinal order."""
    cards = [c for c in generate_cards(text) if c.kind == "cloze"]
    assert [c.ordinal for c in cards] == list(range(1, len(cards) + 1))
    return [(c.answer, c.front) for c in cards]


def answers(text: str) -> list[str]:
    return [answer for answer, _ in clozes(text)]


# -- cloze rules, in order of preference ----------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    # no blank on 梯度: zero_grad() beside it says the same in English
    ("每一步训练先调用optimizer.zero_grad()清空旧梯度，再调用loss.backward()求新梯度。",
     [("optimizer.zero_grad()", "每一步训练先调用[...]清空旧梯度，再调用loss.backward()求新梯度。"),
      ("loss.backward()", "每一步训练先调用optimizer.zero_grad()清空旧梯度，再调用[...]求新梯度。")]),
    # after an API name a sibling hides another name or a long term (see cards.worth):
    # one-word terms such as 计算图 and 步幅 are not worth a second card
    ("训练前先把张量的requires_grad设为True，之后的运算才会被记录进计算图。",
     [("requires_grad", "训练前先把张量的[...]设为True，之后的运算才会被记录进计算图。")]),
    ("池化层可以写成nn.MaxPool2d(2)，它的步幅默认等于窗口大小。",
     [("nn.MaxPool2d", "池化层可以写成[...](2)，它的步幅默认等于窗口大小。")]),
    ("训练前先把张量的requires_grad设为True，之后的运算才会被记录进动态计算图。",
     [("requires_grad", "训练前先把张量的[...]设为True，之后的运算才会被记录进动态计算图。"),
      ("动态计算图", "训练前先把张量的requires_grad设为True，之后的运算才会被记录进[...]。")]),
    ("模型和数据都要用.to(device)放到同一个设备上。",  # 设备: device says it
     [(".to(device)", "模型和数据都要用[...]放到同一个设备上。")]),
])
def test_api_names_are_hidden_first(text, expected):
    assert clozes(text) == expected


def test_every_occurrence_of_the_answer_is_blanked_but_not_inside_longer_names():
    text = "nn.Conv2d的权重形状是(64, 3, 3, 3)：nn.Conv2d(3, 64, 3)一共有1792个参数，requires_grad默认为True。"
    assert clozes(text)[0] == (
        "nn.Conv2d", "[...]的权重形状是(64, 3, 3, 3)：[...](3, 64, 3)一共有1792个参数，requires_grad默认为True。")
    assert blank_out("x.grad和requires_grad不是一回事，grad属性存梯度", "grad") == (
        "x.[...]和requires_grad不是一回事，[...]属性存梯度", 8)


@pytest.mark.parametrize("text, expected", [
    # a term and its gloss hide together: either half beside the blank gives the other away
    ("GRU（Gated Recurrent Unit）只有重置门和更新门两个门，参数比长短期记忆网络少。",
     ["GRU（Gated Recurrent Unit）", "长短期记忆网络"]),  # 重置门: a one-word term
    ("注意力机制（attention mechanism）让解码器在每一步解码时都能回头看一遍整个输入序列，并给每个位置分配一个权重。",
     ["注意力机制（attention mechanism）"]),
    ("NiN（网络中的网络）在每个卷积层后面接两个1×1卷积层。", ["NiN（网络中的网络）", "1×1"]),
    ("最早的LeNet用sigmoid激活，现代实现多换成ReLU，训练收敛快得多。", ["LeNet", "ReLU"]),
])
def test_english_terms_and_their_glosses(text, expected):
    assert answers(text) == expected


def test_a_long_gloss_counts_once_in_the_share():
    text = "CUDA（Compute Unified Device Architecture）让显卡能做通用的并行计算。"
    assert answers(text) == ["CUDA（Compute Unified Device Architecture）", "并行计算"]


@pytest.mark.parametrize("text, expected", [
    ("每个样本只在一个位置为1的向量称为独热向量。", "独热向量"),  # X称为Y
    ("学习率是指每次更新参数时沿负梯度方向迈出的步长。", "学习率"),  # X是指Y
    ("所谓早停，就是验证误差不再下降时提前结束训练。", "早停"),  # 所谓X
    ("按时间先后排列、前后相互依赖的数据被称之为序列数据。", "序列数据"),  # 被称之为Y
    ("卷积窗口每次滑动的距离叫作步幅。", "步幅"),  # 叫作Y
])
def test_defined_terms(text, expected):
    answer, front = clozes(text)[0]
    assert answer == expected
    assert front == text.replace(expected, BLANK)


def test_a_demonstrative_is_not_a_defined_term():
    assert "这种做法" not in answers("把目标序列直接作为解码器的输入，这种做法称为强制教学。")


@pytest.mark.parametrize("text, expected", [
    # counts (256维) and percentages (99.6%) are a run's or an example's, not worth recalling
    ("去掉第一层的填充后，最后一个池化层的输出是16@4*4，展平后只有256维。", ["16@4*4"]),
    ("三个模型集成后，验证准确率达到99.6%，比单个模型高出不少。", ["模型集成"]),
    ("VGG只用3×3的卷积核，两个堆起来的感受野和一个5×5的卷积核一样大。", ["VGG", "3×3"]),
    ("VGG块里只用3×3的卷积核：两个3×3卷积层堆起来的感受野和一个5×5的卷积层一样大，参数却更少。",
     ["VGG", "3×3", "5×5"]),
    ("nn.Linear(20, 256)的权重形状是(256, 20)，加上偏置一共20×256 + 256 = 5376个参数。",
     ["nn.Linear", "(256, 20)", "5376"]),
    # 梯度 is the field's everyday vocabulary: no sibling of a better blank
    ("动量为0.9时大约相当于平均了最近1 / (1 - 0.9) = 10步的梯度。", ["10"]),
])
def test_numbers_with_meaning(text, expected):
    assert answers(text) == expected


def test_numbers_without_meaning_are_left_alone():
    text = "如图2-9所示，在2024年的第3次实验里，y = 2 * x的梯度也就是2。"
    assert not any(a in {"2", "9", "2024", "3"} for a in answers(text))


def test_weak_spans_only_when_nothing_better_is_there():
    # keyword arguments, the everyday vocabulary (卷积) and an example's size (224×224) are
    # no siblings of a better blank; alone, a weak span still makes the one card
    text = "224×224的输入经过kernel_size=7、stride=2、padding=3的卷积，输出为floor((224 + 6 - 7) / 2) + 1 = 112。"
    assert answers(text) == ["112"]
    assert answers("把stride=2改成stride=1以后，输出的高和宽都会变大一倍左右。") == ["stride"]


def test_keywords_only_when_nothing_cheaper_exists():
    assert clozes("读书笔记要趁热整理，隔天再看就忘掉一大半。") == [
        ("读书笔记", "[...]要趁热整理，隔天再看就忘掉一大半。")]


def test_the_segmenter_is_not_loaded_for_highlights_with_a_cheap_span():
    code = ("import sys\nfrom studykit.cards.generate import generate_cards\n"
            "generate_cards('调用optimizer.zero_grad()清空梯度，再做反向传播。')\n"
            "generate_cards('卷积层依赖两个性质：平移不变性和局部性。')\n"
            "print('rjieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_share_cap_keeps_long_spans_visible():
    # the only span is 83% of the text, and too little is left to recall
    assert generate_cards("torch.cuda.device_count()很有用") == []
    assert answers("调用torch.cuda.device_count()可以知道这台机器上一共有几块GPU，没有GPU的机器上它返回0，写多卡代码前先用它检查一下。") == [
        "torch.cuda.device_count()"]  # GPU: everyday vocabulary, no sibling of a better blank


def test_a_recall_card_shows_the_opening_and_asks_for_the_rest():
    text = "我们把模型和数据都准备好以后，就可以开始一轮一轮地训练下去了，直到结果满意为止。"
    assert generate_cards(text, chapter="3.1 训练") == [
        CardSpec("recall", 1, "3.1 训练: 我们把模型和数据都准备好以后…", text)]


def test_a_recall_opening_never_stops_inside_a_word():
    # seed 000: the opening stopped at 从一个序… (序列)
    assert opening("这类模型不能用于从一个序列学习然后生成另一个序列或图片的任务") == "这类模型不能用于从一个序列"
    assert opening("增加了特征的复用，使得网络更加紧凑") == "增加了特征的复用"


@pytest.mark.parametrize("heading", ["梯度裁剪", "ResNet 块", "K-折交叉验证"])
def test_a_lone_heading_has_nothing_to_recall_and_makes_no_card(heading):
    assert generate_cards(heading, chapter="7.6 残差网络") == []
    thought = generate_cards(heading, note="为什么要裁剪？", chapter="7.6 残差网络")
    assert [c.kind for c in thought] == ["thought"]


def test_stopwords_and_punctuation_are_never_hidden():
    text = "我们可以通过这个方法进行计算，然后得到结果：（）、。"
    assert all(a not in stopwords() for a in answers(text))
    assert all(a.strip("（）、。：，") for a in answers(text))


def test_one_to_three_siblings_each_hiding_a_different_span():
    text = ("nn.CrossEntropyLoss等价于LogSoftmax加上NLLLoss，所以它的输入应当是没有经过softmax的logits，"
            "目标通常是类别下标而不是one-hot向量。")
    found = answers(text)
    assert found == ["nn.CrossEntropyLoss", "LogSoftmax", "NLLLoss"]
    assert answers("梯度裁剪可以防止梯度爆炸。") == ["梯度裁剪"]  # short: one sibling


# -- Q&A ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("激活函数在神经网络里的作用不止一个，主要作用是给网络提供非线性建模能力。",
     ("激活函数的主要作用是什么？", "给网络提供非线性建模能力")),
    ("自动求导（autograd）的主要作用是根据计算图自动求出导数。",
     ("自动求导（autograd）的主要作用是什么？", "根据计算图自动求出导数")),
    ("所谓填充，是指在输入四周补上若干圈0，主要作用是让输出不至于越来越小。",
     ("什么是填充？", "在输入四周补上若干圈0")),
    ("步幅（stride）是指卷积窗口每次滑动的距离；步幅越大输出越小。",
     ("什么是步幅（stride）？", "卷积窗口每次滑动的距离")),
    ("输出上一个元素能看到的输入区域，称为它的感受野（receptive field）。",
     ("什么是感受野（receptive field）？", "输出上一个元素能看到的输入区域")),
    ("必须先调用optimizer.zero_grad()，是因为梯度默认会累加。",
     ("为什么必须先调用optimizer.zero_grad()？", "梯度默认会累加")),
    ("nn.CrossEntropyLoss等价于LogSoftmax加上NLLLoss。",
     ("nn.CrossEntropyLoss等价于什么？", "LogSoftmax加上NLLLoss")),
    ("语言模型的目标是根据前面的词元预测下一个词元。",
     ("语言模型的目标是什么？", "根据前面的词元预测下一个词元")),
    ("DenseNet与ResNet的主要区别在于：它把输入和输出在通道维上连结而不是相加。",
     ("DenseNet与ResNet的主要区别是什么？", "它把输入和输出在通道维上连结而不是相加")),
    ("转置卷积常用来做上采样。", ("转置卷积常用来做什么？", "做上采样")),
    ("把目标序列直接作为解码器的输入，这种做法称为强制教学。",
     ("什么是强制教学？", "把目标序列直接作为解码器的输入")),
])
def test_questions_from_definitions_and_explanations(text, expected):
    assert question(text) == expected
    qa = [c for c in generate_cards(text) if c.kind == "qa"]
    assert qa == [CardSpec("qa", 1, expected[0], text, expected[1])]


@pytest.mark.parametrize("text", [
    "卷积层后面通常接一个激活函数。",
    "backward()只能作用于标量。",  # 作用于 is not 用于
    "如果数据在不同目录下，因为目录代表类别，用ImageFolder更方便。",  # a condition, not a fact
    "这种做法称为强制教学。",  # nothing but "这种做法" to ask about
])
def test_no_question_without_a_definition(text):
    assert question(text) is None


# -- thought cards --------------------------------------------------------------------------
def test_a_thought_card_asks_which_idea_the_thought_was_about():
    text = "PyTorch默认把新算出的梯度累加到.grad上，所以每次反向传播之前都要先把梯度清零。"
    note = "显存不够时正好利用这一点：攒几个小批量的梯度再更新一次。"
    cards = generate_cards(text, note=note, chapter="3.2 梯度的累积")
    thought = [c for c in cards if c.kind == "thought"]
    assert len(thought) == 1 and thought[0].ordinal == 1
    assert note in thought[0].front and text not in thought[0].front
    assert "哪段内容" in thought[0].front and "3.2 梯度的累积" in thought[0].front
    assert thought[0].back == f"{text}\n\n💭 {note}"
    assert [c.kind for c in cards].count("cloze") >= 1  # the highlight keeps its own cards


def test_no_thought_card_for_an_empty_note():
    assert "thought" not in [c.kind for c in generate_cards("反向传播沿计算图求梯度。", note="  ")]


# -- shape cards, checked against real torch ------------------------------------------------
SHAPE_SNIPPETS = [
    """import torch
from torch import nn

x = torch.randn(1, 1, 28, 28)
conv = nn.Conv2d(1, 6, 5, padding=2)
pool = nn.MaxPool2d(2)
y = pool(conv(x))
""",
    """import torch
from torch import nn

# 输入形状: (2, 1, 28, 28)
net = nn.Sequential(
    nn.Conv2d(1, 6, 5), nn.ReLU(),  # -> (2, 6, 24, 24)
    nn.MaxPool2d(2, 2),             # -> (2, 6, 12, 12)
    nn.Conv2d(6, 16, 5), nn.ReLU(),
    nn.MaxPool2d(2, 2),
    nn.Flatten(),
    nn.Linear(16 * 4 * 4, 120), nn.ReLU(),
    nn.Linear(120, 84), nn.Dropout(0.5),
    nn.Linear(84, 10),
)
X = torch.rand(size=(2, 1, 28, 28))
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, tuple(X.shape))
""",
    """import torch
import torch.nn as nn

x = torch.zeros(4, 16, 8, 8)
up = nn.ConvTranspose2d(16, 8, kernel_size=4, stride=2, padding=1)
same = nn.Conv2d(8, 8, 3, padding='same')
with torch.no_grad():
    y = same(up(x))
""",
    """import torch
from torch import nn

X = torch.rand(3, 3, 17, 23)
block = nn.Sequential(
    nn.Conv2d(3, 8, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2), dilation=(1, 2)),
    nn.BatchNorm2d(8), nn.LeakyReLU(0.1),
    nn.MaxPool2d(3, stride=2, ceil_mode=True),
    nn.AvgPool2d(2, padding=1),
    nn.AdaptiveAvgPool2d((1, None)),
)
out = block(X)
""",
    """import torch
from torch import nn

channels = 16
layers = []
for c_in, c_out in [(3, channels), (channels, 2 * channels)]:
    layers.append(nn.Conv2d(c_in, c_out, 3, padding=1))
    layers.append(nn.MaxPool2d(2))
net = nn.Sequential(*layers, nn.Flatten(), nn.Linear(2 * channels * 8 * 8, 10))
print(net(torch.rand(5, 3, 32, 32)).shape)
""",
    """import torch
from torch import nn

x = torch.rand(2, 3, 10)
y = nn.Conv1d(3, 5, 3, stride=2)(x)
z = nn.MaxPool1d(2)(y)
w = z.view(z.size(0), -1)
v = nn.Linear(10, 2)(w)
""",
]


def _torch_last_output(code: str) -> tuple[int, ...]:
    torch = pytest.importorskip("torch")
    outputs = []
    hook = torch.nn.modules.module.register_module_forward_hook(
        lambda module, args, output: outputs.append(tuple(output.shape)))
    try:
        exec(compile(code, "<snippet>", "exec"), {"__name__": "snippet"})
    finally:
        hook.remove()
    return outputs[-1]


@pytest.mark.parametrize("code", SHAPE_SNIPPETS)
def test_shape_cards_match_real_torch(code, capsys):
    cards = generate_cards(code, kind="code")
    assert [(c.kind, c.ordinal) for c in cards] == [("shape", 1)]
    assert cards[0].answer == repr(_torch_last_output(code))
    assert "形状" in cards[0].front and "# ->" not in cards[0].front
    assert cards[0].back.startswith(code) and "→" in cards[0].back


def test_the_shape_card_keeps_the_input_comment_and_hides_the_answers():
    front = generate_cards(SHAPE_SNIPPETS[1], kind="code")[0].front
    assert "# 输入形状: (2, 1, 28, 28)" in front and "(2, 6, 24, 24)" not in front
    assert "输入形状 (2, 1, 28, 28)" in front


@pytest.mark.parametrize("code", [
    # torch raises here (400 != 256 features): never guess a shape
    "import torch\nfrom torch import nn\nx = torch.rand(1, 16, 4, 4)\n"
    "y = nn.Sequential(nn.Flatten(), nn.Linear(400, 10))(x)\n",
    # a custom module: cannot be evaluated exactly
    "import torch\nfrom torch import nn\nclass Net(nn.Module):\n    def __init__(self):\n"
    "        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n"
    "        return self.fc(x)\n\nprint(Net()(torch.rand(3, 4)).shape)\n",
    # no input shape anywhere
    "from torch import nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\n",
    # only activations: nothing to compute
    "import torch\nfrom torch import nn\nprint(nn.ReLU()(torch.rand(2, 3)).shape)\n",
    # the input comes from a function call we do not follow
    "import torch\nfrom torch import nn\nx = load_batch()\ny = nn.Conv2d(3, 8, 3)(x)\n",
    # not even Python
    "net = nn.Sequential(nn.Conv2d(1, 6, 5)",
])
def test_a_shape_that_cannot_be_computed_exactly_gives_no_shape_card(code):
    assert infer(code) is None
    cards = generate_cards(code, kind="code")
    assert all(c.kind == "code" and c.answer and c.answer not in c.front for c in cards)
    assert len(cards) == (len([line for line in code.splitlines() if line.strip()]) >= 3)


def test_shape_arithmetic_of_pooling_with_ceil_mode():
    assert pool_size(112, 3, 1, 2, 1, False) == 56
    assert pool_size(5, 2, 0, 2, 1, True) == 3
    assert pool_size(6, 3, 1, 2, 1, True) == 4
    assert pool_size(3, 2, 1, 2, 1, True) == 2  # a third window would start in the padding


_CONV_LAYER = st.builds(
    lambda k, s, p, d, out: f"nn.Conv2d(C, {out}, {k}, stride={s}, padding={p}, dilation={d})",
    st.integers(1, 5), st.integers(1, 3), st.integers(0, 3), st.integers(1, 2), st.integers(1, 4))
_POOL_LAYER = st.builds(
    lambda kind, k, s, p, ceil: f"nn.{kind}({k}, stride={s}, padding={p}, ceil_mode={ceil})",
    st.sampled_from(["MaxPool2d", "AvgPool2d"]), st.integers(1, 4), st.integers(1, 3),
    st.integers(0, 2), st.booleans())
_CONV_T_LAYER = st.builds(
    lambda k, s, p, op, out: f"nn.ConvTranspose2d(C, {out}, {k}, stride={s}, padding={p}, "
                             f"output_padding={op})",
    st.integers(1, 4), st.integers(1, 3), st.integers(0, 2), st.integers(0, 2), st.integers(1, 4))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=st.one_of(_CONV_LAYER, _POOL_LAYER, _CONV_T_LAYER), channels=st.integers(1, 3),
       height=st.integers(1, 16), width=st.integers(1, 16))
def test_computed_shapes_are_never_wrong(layer, channels, height, width):
    pytest.importorskip("torch")
    code = ("import torch\nfrom torch import nn\n"
            f"x = torch.rand(2, {channels}, {height}, {width})\n"
            f"y = {layer.replace('C,', f'{channels},')}(x)\n")
    result = infer(code)
    try:
        expected = _torch_last_output(code)
    except (RuntimeError, ValueError):
        assert result is None  # torch raises: no shape card
        return
    if result is not None:
        assert result.output == expected


# -- plain code cards -----------------------------------------------------------------------
TRAIN_STEP = """def train_step(net, X, y, loss_fn, optimizer):
    net.train()
    loss = loss_fn(net(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()"""


def test_a_code_card_asks_for_the_missing_key_line():
    [card] = generate_cards(TRAIN_STEP, kind="code")
    assert (card.kind, card.ordinal, card.answer) == ("code", 1, "loss.backward()")
    assert "    [...]\n    optimizer.step()" in card.front
    assert card.back == TRAIN_STEP
    ast.parse(card.front.split("\n\n", 1)[1].replace("[...]", "pass"))  # still valid Python


@pytest.mark.parametrize("code", [
    "torch.save(net.state_dict(), 'mlp.params')",
    # the lines of a listing a page scrape glued together
    "import torchfrom torch import nnnet = nn.Sequential(nn.Linear(4, 8), nn.ReLU())X = torch.rand(2, 4)net(X)",
])
def test_a_short_or_flattened_snippet_makes_no_card(code):
    # a card whose back repeats its front ("what does this code do?") asks nothing
    assert generate_cards(code, kind="code") == []
    assert [c.kind for c in generate_cards(code, kind="code", note="存参数")] == ["thought"]


# -- every card, every time -----------------------------------------------------------------
def test_generation_is_deterministic():
    text = "nn.Conv2d(3, 64, 3)的权重是(64, 3, 3, 3)，加上64个偏置，共1792个参数，称为它的参数量。"
    assert generate_cards(text, note="想法", chapter="第5章") == generate_cards(
        text, note="想法", chapter="第5章")


@pytest.mark.parametrize("before, after", [
    ("每一步训练先调用optimizer.zero_grad()清空旧梯度，再调用loss.backward()求新梯度。",
     "每一轮训练都先调用optimizer.zero_grad()清空旧梯度，再调用loss.backward()求新梯度。"),
    ("所谓填充，是指在输入四周补上若干圈0，主要作用是让输出不至于越来越小。",
     "所谓填充，是指在输入的四周补上若干圈0，主要作用是让输出不会越来越小。"),
])
def test_a_small_edit_keeps_kinds_ordinals_and_answers(before, after):
    def shape(cards):
        return [(c.kind, c.ordinal, c.answer if c.kind == "cloze" else None) for c in cards]

    assert shape(generate_cards(before)) == shape(generate_cards(after))


_FRAGMENTS = ["卷积层", "的", "，", "。", "optimizer.zero_grad()", "requires_grad", "3×3", "99.6%",
              "我们", "可以", "称为", "感受野", "（receptive field）", "是指", "所谓", "ResNet", "16@4*4",
              "nn.MaxPool2d(2)", "梯度", "= 112", "批量归一化", "、", "然后", "padding=1", " ", "x"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=2, max_size=25).map("".join))
def test_cloze_invariants(text):
    cards = generate_cards(text)
    assert len({(c.kind, c.ordinal) for c in cards}) == len(cards)
    found = [c for c in cards if c.kind == "cloze"]
    assert len(found) <= 3
    assert len({c.answer.casefold() for c in found}) == len(found)
    for card in found:
        assert card.answer.strip() and card.answer.casefold() not in stopwords()
        assert card.back == trim(text) and BLANK in card.front
        assert card.front.replace(BLANK, card.answer).casefold() == card.back.casefold()
        term = card.answer.split("（")[0]  # a gloss beside its term counts once
        # the share counts units (a Chinese character, a Latin word), not characters
        hidden = card.front.count(BLANK) * max(units(term), 1)
        assert hidden <= MAX_HIDDEN_SHARE * units(card.back)


def test_the_term_dictionary_and_stopwords_ship_with_the_package():
    folder = resources.files("studykit.cards")
    lines = (folder / "terms.txt").read_text(encoding="utf-8").splitlines()
    assert len(terms()) >= 150 and len(lines) == len(terms())
    assert all(len(line.split()) == 2 and line.split()[1] == "n" for line in lines)  # jieba format
    for term in ("卷积", "池化", "反向传播", "梯度下降", "学习率", "批量归一化", "残差连接", "循环神经网络",
                 "注意力机制"):
        assert term in terms()
    assert {"的", "我们", "可以"} <= stopwords()
    assert (folder / "stopwords.txt").is_file()
