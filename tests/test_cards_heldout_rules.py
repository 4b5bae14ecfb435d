"""Card rules that came from the second held-out sample (tests/fixtures/cards/heldout2.tsv).

Each test mirrors a fault a seed card showed, in our own words (no seed text is stored): the
seed and the shape of the case are named in a comment.
"""

from __future__ import annotations

import pytest

from studykit.cards.answers import gives_away
from studykit.cards.chrome import chrome
from studykit.cards.generate import generate_cards


def answers(text: str) -> list[str]:
    return [c.answer for c in generate_cards(text) if c.kind == "cloze"]


def fronts(text: str) -> dict[str, str]:
    return {c.answer: c.front for c in generate_cards(text) if c.kind == "cloze"}


# -- the share of the text a blank may hide counts words, not characters -------------------------
def test_a_long_api_name_in_a_short_sentence_is_still_a_blank():
    # the case: a sentence whose API name is over 40% of its characters made no card
    assert answers("每一步更新前都调用optimizer.zero_grad()清空梯度，否则会累加。") == [
        "optimizer.zero_grad()"]
    # seed 001: a class named twice (30 of 68 characters) lost to the obvious word beside it
    text = "要在多块显卡上训练，可以用nn.DataParallel包装模型。nn.DataParallel的用法后面再讲"
    assert answers(text)[0] == "nn.DataParallel"


def test_a_blank_still_never_hides_most_of_the_words():
    assert answers("用nn.Conv2d。") == []


# -- a scraped page's titles --------------------------------------------------------------------
def test_a_title_said_twice_is_a_heading_however_it_reads():
    # seed 002: 步幅 / a paragraph / 步幅 / 步幅原则: / 步幅原则
    text = "填充\n在输入四周补零，让输出的高和宽不至于缩小。\n填充\n填充方式:\n填充方式"
    cards = generate_cards(text)
    assert [c.answer for c in cards if c.kind == "cloze"] == ["填充"]
    assert cards[0].front == "[...]\n在输入四周补零，让输出的高和宽不至于缩小。\n[...]\n[...]方式:\n[...]方式"


def test_a_numbered_lead_in_said_twice_is_a_heading():
    # seed 002: ①假设没有激活函数: / 假设没有激活函数 / 正向方差: / 正向方差 (a slide of formulas)
    text = "方差的推导\n①假设没有激活函数:\n假设没有激活函数\n正向方差:\n正向方差"
    assert answers(text) == []


# -- blocking only what points away ------------------------------------------------------------
def test_only_a_last_clause_that_points_to_code_is_blocked():
    # seed 001: …需要重复调用backward()，需要传入retain_graph=True，具体代码如下：
    text = ("要对同一张图再做一次反向传播，就得重复调用backward()，"
            "所以第一次必须传入retain_graph=True，具体代码如下：")
    assert set(answers(text)) == {"backward()", "retain_graph"}


def test_a_clause_naming_a_figure_number_is_blocked_alone():
    # seed 001: …这是反向传播的过程，这个过程可用图2-9表示 (the sentence stands without it)
    text = "调用loss.backward()会沿计算图自动求出每个叶子节点的梯度，这个过程可用图3-4表示"
    assert answers(text)[0] == "loss.backward()"
    # 如图X所示: what comes before describes the figure
    assert answers("在浏览器里查看训练损失的变化曲线，如图6-2所示。") == []


def test_a_short_lead_in_stays_blocked_whole():
    # seed 003: 以单通道的28*28图片为例,各层网络输入输出说明如下:
    assert answers("以三通道的32*32图片为例,每层的输出形状如下:") == []


def test_a_lead_in_gets_no_weak_blank_and_no_recall_card():
    # seed 002: 有时,深度学习框架没有提供我们需要的初始化方法。 在下面的例子中,…定义初始化方法:
    assert generate_cards("有时框架里没有我们需要的初始化方法，这时可以自己写一个初始化函数:") == []
    assert answers("有时框架里没有我们需要的初始化方法，这时可以自己写一个初始化函数。") == ["初始化"]


# -- what leans on what is missing -------------------------------------------------------------
def test_the_legend_of_a_missing_formula_takes_no_blank():
    # seed 002: 估计模型容量 / 其中,d+1中的1是偏移,m是隐藏层大小,k是分类的类别数
    assert answers("参数的个数\n其中,n是输入的维度,h是隐藏层大小,c是类别数") == []
    # after its formula, the legend is context: w ← w - η·g，其中η是学习率
    assert "学习率" in answers("梯度下降的更新规则是w ← w - η·g，其中η是学习率，g是梯度。")


def test_arrows_drawn_in_text_are_a_figure():
    # seed 002: 梯度爆炸 / ↑ ↑ ↑ 此时,就会造成梯度爆炸
    assert answers("两个常见问题\n梯度爆炸\n↑ ↑ ↑ 这时就会出现梯度爆炸\n梯度消失\n↑ ↑ ↑ 这时就会出现梯度消失") == []


def test_a_tutorial_narrating_its_listing_takes_no_blank():
    # seed 002: …让我们从熟悉的多层感知机开始尝试一下。
    text = "框架会保存模型的参数而不是整个模型。让我们先用一个简单的多层感知机试一试。"
    assert answers(text) == []


# -- what carries more ---------------------------------------------------------------------------
def test_a_flag_set_in_prose_is_the_blank():
    # seed/sample: 训练时一般设置shuffle=True… (the flag was weak, epoch was blanked instead)
    assert answers("训练时通常设置shuffle=True，让每个epoch的样本顺序都不同。")[0] == "shuffle"
    # a keyword argument's number inside a call stays weak
    text = "nn.Conv2d(3, 16, kernel_size=3, padding=1)保持特征图的高和宽不变。"
    assert answers(text)[0] == "nn.Conv2d" and "padding" not in answers(text)


def test_the_value_of_an_examples_variable_is_no_blank():
    # seed 001: 首先让v=(1,0)得到y1对x的梯度，然后使v=(0,1)…
    text = "先令v=(1,0)求出y1对x的梯度，再令v=(0,1)求出y2对x的梯度，最后用torch.cat拼起来。"
    assert "(1,0)" not in answers(text) and "(0,1)" not in answers(text)


def test_the_shape_a_reduction_gives_comes_first():
    # sample notes and seed 002: 形状(2, 3, 4)的张量按dim=0求和得到(3, 4); axis=1 sum:[2,4]
    text = "沿某个轴归约后那个轴会消失：形状(4, 5, 6)的张量按dim=1求和得到(4, 6)。"
    assert answers(text)[0] == "(4, 6)"
    listing = "原始shape:[4,3,2]，按axis=1求和后sum:[4,2]，按axis=2求和后sum:[4,3]。"
    assert answers(listing) == ["[4,2]", "[4,3]"]  # not the input's size, not the word shape


def test_one_item_of_an_ordering_or_a_list_of_sizes_is_weak():
    # seed 002: 灵活性:Intel(CPU) > GPU > DSP > FPGA > ASIC
    text = "部署时的取舍\n· 灵活性:CPU > GPU > TPU > ASIC\n· 能效:CPU < GPU < TPU < ASIC"
    assert len(answers(text)) == 1  # a weak blank, only for want of a better one: no siblings
    # seed 002: 窗口大小为1x1、3x3和5x5的卷积层
    text = "Inception块的前三条路径用1x1、3x3和5x5的卷积层提取不同尺度的信息。"
    assert "5x5" not in answers(text) and "3x3" not in answers(text)


def test_a_persons_name_is_trivia():
    # seed 002: 研究员Yann LeCun…; 当Alex Krizhevsky和Ilya Sutskever实现了…他们…
    text = "这个网络由研究员Grace Hopper在1990年前后提出，用来识别支票上的数字。"
    assert "Grace Hopper" not in answers(text)
    text = "2012年，当Ada Lovelace和Alan Turing把网络搬到GPU上时，他们发现卷积可以并行。"
    assert not {"Ada Lovelace", "Alan Turing"} & set(answers(text))
    assert "Batch Normalization" in answers("Batch Normalization和Layer Normalization都在做归一化。")


def test_everyday_vocabulary_is_no_sibling():
    # seed 002: 它包含256个[...],并使用了ReLU激活函数 (隐藏单元 beside 隐藏层)
    text = "第一层是隐藏层，它有256个隐藏单元，并使用ReLU激活函数；第二层是输出层。"
    assert answers(text) == ["ReLU"]


# -- the answer is never on the front --------------------------------------------------------
def test_a_latin_name_one_letter_apart_gives_the_answer_away():
    # seed 002: the heading says GoogLeNet, the page's paragraph misspells it GooLeNet
    assert gives_away("GoogLeNet 的由来\n[...]选择了另一种思路", "GooLeNet")
    assert gives_away("DenseNets的特点\n[...]把特征拼接起来", "DenseNet")
    assert not gives_away("[...]在ResNet的基础上加入了分组卷积", "ResNeXt")  # short names differ


# -- chrome ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "你好! 这是我整理的深度学习课程学习笔记",  # seed 002's greeting
    "欢迎关注本专栏，后续会持续更新。",
])
def test_a_pages_greeting_is_chrome(text):
    assert chrome(text) == "the page's greeting or words about itself"
    assert generate_cards(text) == []


def test_a_sentence_starting_with_these_words_is_not_chrome():
    assert chrome("这是一个卷积层：它在输入上滑动窗口。") is None


# -- faults the final held-out sample showed (heldout3.tsv; its untouched figure is reported) ----
def test_a_table_of_contents_with_longer_titles_makes_no_card():
    # seed 002: 初始化模型参数 定义softmax操作 定义模型 定义损失函数 分类精度 训练 预测
    assert answers("准备数据 定义relu激活函数 定义模型结构 计算分类精度 训练 评估") == []


def test_a_verb_character_inside_a_noun_does_not_make_a_statement():
    # seed 002: CPU/GPU 高性能计算编程 (能 of 性能 is no verb): a heading
    assert answers("TPU/GPU 高性能矩阵计算入门") == []
    assert answers("训练时GPU能把矩阵乘法并行起来，速度快得多。") != []  # 能 the verb


def test_a_sections_question_is_a_heading():
    # seed 001: 如何解释CNN如何学习特征的？ ; seed 002: the same question said twice
    assert answers("怎样理解RNN记住上下文的方式？") == []
    assert answers("更深的网络总是更准吗?\n更深的网络总是更准吗") == []


def test_a_gloss_covers_a_name_of_several_words():
    # seed 002: …bag(包)和ankle boot(短靴): the blank took boot and left ankle
    text = "数据集有三个类别:sandal(凉鞋)、sneaker(运动鞋)和ankle boot(短靴)，每类6000张。"
    for card in generate_cards(text):
        assert "ankle [...]" not in card.front


def test_a_dotted_names_last_part_elsewhere_gives_it_away():
    # seed 001: 采用了torch.nn.Sequential()来构建网络层，这个有点类似Keras的models.Sequential()
    assert gives_away("采用了[...]构建网络，类似Keras的models.Sequential()", "torch.nn.Sequential()")
    assert not gives_away("调用[...]后再用torch.load读回", "torch.save")
    assert not gives_away("用[...]搭网络，RNN也一样", "nn.RNN")  # a short name is said alone


def test_a_sum_of_squares_is_no_dangling_edge():
    # seed 001: …代替梯度平方和 lost its 和
    from studykit.cards.trim import trim
    assert trim("RMSProp用指数加权的移动平均代替梯度平方和") == "RMSProp用指数加权的移动平均代替梯度平方和"


def test_a_kind_of_statement_makes_a_question():
    # seed 002: 权重衰退是一种常见的处理过拟合的方法 ; Xavier 是一种常见的权重初始化方法
    cards = generate_cards("Dropout是一种正则化方法，训练时随机丢弃一部分神经元。")
    assert ("什么是Dropout？", "一种正则化方法") in [(c.front, c.answer) for c in cards if c.kind == "qa"]
    assert not [c for c in generate_cards("这是一种常见的做法，很多框架都支持。") if c.kind == "qa"]


def test_a_tutorials_set_up_takes_no_blank():
    # seed 002: 我们使用Fashion-MNIST数据集, 并设置数据迭代器的批量大小为256。
    assert answers("我们使用CIFAR-10数据集，并把批量大小设为128。") == []
    assert answers("本节 继续使用CIFAR-10数据集,并保持批量大小为128。") == []


def test_one_of_two_bare_names_is_weak():
    # seed 002: 我们可以直接调用load和save函数分别读写它们 (either is guessed from the other)
    text = "对单个张量可以直接调用load和save函数读写，文件格式是pickle。"
    assert "load" not in answers(text) and "save" not in answers(text)
    # two calls to know stay: model.train()和model.eval()
    text = "训练前调用model.train()，评估前调用model.eval()，它们会切换Dropout的行为。"
    assert {"model.train()", "model.eval()"} <= set(answers(text))
