"""The card quality rules, each with a sentence of the same shape as a real case in the seed
notes (written here, not copied), then checks over the seeds themselves (skipped when
../shared/seeds is absent) and the labeled benchmark's targets."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import REPO, SEEDS

from studykit.cards.answers import gives_away, worth_hiding
from studykit.cards.chrome import chrome
from studykit.cards.cloze import blank_out
from studykit.cards.generate import generate_cards
from studykit.cards.junk import is_junk
from studykit.cards.mask import mask_chapter
from studykit.cards.trim import trim
from studykit.sources import read_file


def answers(text: str, **kw) -> list[str]:
    return [c.answer for c in generate_cards(text, **kw) if c.kind == "cloze"]


# -- never a blank inside a token -------------------------------------------------------------
@pytest.mark.parametrize("text, answer, front", [
    ("1×1卷积能压缩通道：对输入使用8×1×1的卷积核", "1×1", "[...]卷积能压缩通道：对输入使用8×1×1的卷积核"),
    ("我们改用Fashion-MNIST，因为MNIST太简单", "MNIST", "我们改用Fashion-MNIST，因为[...]太简单"),
    ("ResNet-18比ResNet浅", "ResNet", "ResNet-18比[...]浅"),
    ("x.grad和requires_grad不同", "grad", "x.[...]和requires_grad不同"),
    ("在3.5×3.5的网格上", "5×3", "在3.5×3.5的网格上"),
])
def test_a_blank_never_cuts_a_token(text, answer, front):
    assert blank_out(text, answer)[0] == front


def test_a_size_inside_a_longer_size_is_no_blank():
    # seed 000: 应用10×1×1的滤波器 hid 1×1 out of 10×1×1
    text = "1×1卷积能压缩通道：对32×56×56的输入使用8×1×1的卷积核，输出就变成8×56×56，计算量小得多。"
    for card in generate_cards(text):
        assert not re.search(r"[×\d]\[\.\.\.\]|\[\.\.\.\][×\d]", card.front)
    assert "32×56×56" not in answers(text)  # an example's size is not worth recalling


def test_a_multi_word_name_is_one_blank():
    assert answers("每经过一个 max pool，特征图的高和宽都会减半，通道数则保持不变。")[0] == "max pool"


def test_a_chinese_term_inside_a_longer_term_is_no_blank():
    # 梯度 would leave "[...]裁剪" of the heading 梯度裁剪 (which the paragraph defines)
    # (范数, one everyday word, is worth no sibling after the defined term: see cards.worth)
    text = "梯度裁剪\n当梯度的范数超过阈值时，就把它按比例缩小到阈值以内。\n梯度裁剪示意"
    assert answers(text) == ["梯度裁剪"]


# -- chrome makes no card -------------------------------------------------------------------------
@pytest.mark.parametrize("text, reason", [
    ("▼ 代码仓库链接:https://example.com/team/repo。▼ 文档链接:https://docs.example.org。", "a link list"),
    ("参考链接:model-convertorhttps://example.com/convertor", "a link list"),
    ("本节代码文件在源代码文件的chapter_optim/sgd-momentum.ipynb中", "notebook or download boilerplate"),
    ("gitee 上有每一章的源文件,clone到本地就能跑。", "a pointer to the code repository"),
    ("图片来源:某博客的网络结构详解", "an image credit"),
    ("先整体介绍一下本章的工具。·autograd简介。·nn.Module简介。·优化器简介及实例。", "a table of contents"),
])
def test_page_chrome_makes_no_card(text, reason):
    assert chrome(text) == reason
    assert generate_cards(text) == []
    assert [c.kind for c in generate_cards(text, note="记一下")] == ["thought"]


def test_a_bulleted_summary_is_no_table_of_contents():
    text = "总结\n· 灵活性:CPU > GPU > FPGA > ASIC\n· 能效:CPU < GPU < FPGA < ASIC\n总结"
    assert chrome(text) is None and answers(text)


@pytest.mark.parametrize("text", [
    "提升GPU利用率",  # seed 002: 提升[...]利用率 -> CPU, where GPU fits as well
    "关注一个序列",
    "多卡训练的动机",
    "Scaled Dot-Product Attention",
    "Systolic Array\nSystolic Array的矩阵乘法\nSystolic Array",
    "交叉熵损失(Cross Entropy Loss)计算过程",
    "将导数拓展到矩阵",
    "为方便解释,先定义如下网络:",  # a lead-in to a listing that is not there
])
def test_headings_slide_bullets_and_lead_ins_make_no_card(text):
    assert generate_cards(text) == []


def test_a_heading_line_above_its_paragraph_is_no_place_for_a_blank():
    # no blank on a word inside a heading that is no term: 激活函数 of a title
    text = "激活函数的选择\nsigmoid在两端饱和，深层网络里梯度会越传越小。\n激活函数的选择"
    assert "激活函数" not in answers(text)


def test_a_term_heading_is_defined_by_the_paragraph_below_it():
    # seed 002 (步幅 over what a stride does, then 步幅原则:): the term is the blank,
    # everywhere; a heading that is no term gets none
    text = "批量规范化\n它固定每层输入的均值和方差，让训练更稳定。\n批量规范化示意图"
    first = generate_cards(text)[0]
    assert (first.answer, first.front) == ("批量规范化", "[...]\n它固定每层输入的均值和方差，让训练更稳定。\n[...]示意图")
    assert answers("池化层vs卷积层\n池化层没有可学习的参数，也不会融合多输入通道。") == ["多输入通道"]


@pytest.mark.parametrize("text", [
    "如图所示，纵坐标代表准确率，横坐标代表速度，圆越大占用的显存越多。",
    "由图可见,Inception V3的准确率最高,但速度偏慢。",
    "中间是PyTorch的可视化工具（Torchvision）",
    "对于矩阵 A∈ R m n 有 \\bf A\\in\\mathbb R^{mn}，其中每个元素都是实数。",
])
def test_no_card_leans_on_a_missing_figure_or_a_broken_formula(text):
    assert answers(text) == []


def test_letters_of_a_formula_are_no_term():
    assert answers("可得X=CTY，即转置卷积就是把这个矩阵运算反过来做一遍。") == ["转置卷积"]


# -- the answer is never on the front -------------------------------------------------------------
@pytest.mark.parametrize("text, never", [
    ("我们使用的随机梯度下降法（SGD）是最普通的一种优化器。", {"SGD", "随机梯度下降", "随机梯度下降法"}),
    ("编码器（encoder）把输入序列变成一个固定长度的向量。", {"encoder", "编码器"}),
    ("权重衰减可以通过优化器里的weight_decay参数直接设置。", {"权重衰减"}),
    ("回想一下Sequential的作用；下面我们写一个简化的MySequential，它有同样的作用。",
     {"Sequential", "MySequential"}),
    ("对抗生成式网络也是一种生成模型，它通过对抗生成网络里的两个子网络互相博弈来学习。", {"对抗生成网络"}),
    ("所谓log-softmax，就是先算softmax再取对数，F.log_softmax一步算完而且更稳定。", {"log-softmax"}),
])
def test_no_blank_whose_answer_stays_on_the_front(text, never):
    assert not never & set(answers(text))


def test_a_term_and_its_gloss_hide_together():
    assert answers("我们使用的随机梯度下降法（SGD）是最普通的一种优化器。")[0] == "随机梯度下降法（SGD）"


@pytest.mark.parametrize("text, never", [
    # seed 002 shapes: a gloss after a word a function character splits, after a clause,
    # after a phrase: the pair would take the wrong words as its term
    ("神经网络曾被其他方法超越，如支持向量机(support vector machines)。", {"量机(support vector machines)"}),
    ("从编程的角度来看,块由类(class)表示。", {"块由类(class)"}),
    ("如果希望批量处理（batch），还要同时打乱顺序，可选择DataLoader。", {"如果希望批量处理（batch）"}),
])
def test_a_gloss_pairs_only_with_a_clear_term(text, never):
    assert not never & set(answers(text))


def test_a_gloss_pairs_with_a_dictionary_term_and_its_suffix():
    assert answers("编码器可以是循环神经网络，或卷积网络（CNN），看输入是什么。")[0] == "卷积网络（CNN）"
    assert "随机梯度下降法（SGD）" in answers("我们使用的随机梯度下降法（SGD）是最普通的一种优化器。")


def test_code_glued_into_prose_is_no_place_for_a_blank():
    text = ("参数绑定\n多个层可以共享同一组参数。\n"
            "shared = nn.Linear(8, 8)net = nn.Sequential(nn.Linear(4, 8), shared, shared)")
    assert "shared" not in answers(text)


def test_every_case_of_the_answer_is_blanked():
    # seed 004: hiding ReLU left Relu on the front
    card = generate_cards("激活之后，Relu把负数变成0；ReLU在正数部分的梯度恒为1，所以不会梯度消失。")[0]
    assert card.answer.casefold() == "relu" and "relu" not in card.front.casefold()


def test_gives_away_folds_case_separators_and_slipped_in_characters():
    assert gives_away("调用F.log_softmax计算", "log-softmax")
    assert gives_away("对抗生成式网络也是一种…通过[...]生成", "对抗生成网络")
    assert gives_away("基于当前[...]（存储在参数的.grad属性中）", "梯度")  # its English
    assert not gives_away("平均了最近1 / (1 - 0.9) = [...]步", "10")


def test_a_code_card_hides_its_key_line_or_is_not_made():
    code = "net = nn.Linear(4, 2)\nloss = loss_fn(net(X), y)\nloss.backward()\noptimizer.step()"
    [card] = generate_cards(code, kind="code")
    assert card.answer == "loss.backward()" and card.answer not in card.front
    assert card.front != card.back
    assert generate_cards("print(net[2].state_dict())", kind="code") == []


# -- no blank on a generic word, a placeholder, a function word, an example's number ---------------
@pytest.mark.parametrize("word", ["深度学习", "方法", "我们", "这个", "神经网络", "模型", "张量",
                                  "以备", "nn.Xxx", "self.hidden"])
def test_generic_words_and_placeholders_are_not_worth_a_blank(word):
    assert not worth_hiding(word)


def test_a_generic_word_is_never_the_blank():
    # seed 001: 在[...]中，过滤器的作用… -> 深度学习
    assert answers("在深度学习中，过滤器的作用是从输入中提取局部特征，比如边缘和纹理。") == ["过滤器"]
    assert answers("模型训练好以后，把权重保存下来，以备后续使用。") == []


def test_a_placeholder_is_never_the_blank():
    assert answers("nn.Xxx继承于nn.Module，所以nn.Xxx需要先实例化再调用。") == ["nn.Module"]


def test_counts_and_percentages_are_left_alone():
    assert answers("然后用DataLoader按批读取数据，这台机器上有4个GPU。") == ["DataLoader"]
    assert answers("集成之后验证准确率达到了98.7%，但推理成本高了3倍。") == ["推理"]


def test_everyday_vocabulary_only_when_nothing_better():
    # 卷积层 and 池化层 are in every sentence about CNNs: the blank goes to what it says of them
    text = "卷积层之后接一个池化层，步幅为2时特征图的高和宽都会减半，模型也对小的平移更不敏感。"
    assert answers(text) == ["步幅"]
    assert answers("卷积层之后常接一个池化层。") == ["卷积层"]  # alone, it still makes the card


def test_one_item_of_an_enumeration_only_when_nothing_better():
    text = "像卷积层、池化层和归一化层这样的结构，都会改变感受野的大小。"
    assert answers(text)[0] == "感受野"
    # seed 004: no blank cuts 归一化层 either, when nothing but everyday words is left
    text = "像卷积层、池化层和归一化层这样的结构，大大减少了计算量与自由参数数量。"
    assert "归一化" not in answers(text)


# -- trimming a selection cut mid-word ------------------------------------------------------------
@pytest.mark.parametrize("text, trimmed", [
    ("果要对数据做增强，可以把多个变换用Compose串起来。", "要对数据做增强，可以把多个变换用Compose串起来。"),
    ("法.to(device)或.cuda()都能把张量移到GPU上。", ".to(device)或.cuda()都能把张量移到GPU上。"),
    ("有几种方法能得到与输入张量形状相", "有几种方法能得到与输入张量形状"),
    ("如果是验证阶段，需要让模型处于评估模式，即调", "如果是验证阶段，需要让模型处于评估模式"),
    ("这是对张量的求导。这", "这是对张量的求导。"),
    ("它的参数都是共享的，", "它的参数都是共享的"),
    ("结果是正确的", "结果是正确的"),  # 的 may end a statement
    ("这一步叫作微调", "这一步叫作微调"),  # a word ending in 调
])
def test_a_dangling_edge_is_trimmed(text, trimmed):
    assert trim(text) == trimmed


def test_cards_show_the_trimmed_text():
    card = generate_cards("法.to(device)或.cuda()都能把张量移到GPU上。")[0]
    assert card.back == ".to(device)或.cuda()都能把张量移到GPU上。"
    assert not card.front.startswith("法")


# -- the review header never shows the answer -----------------------------------------------------
@pytest.mark.parametrize("chapter, answer, masked", [
    ("8.2 稠密连接卷积网络（DenseNet）", "DenseNet", "8.2 稠密连接卷积网络（[...]）"),
    ("7.3 Inception 块", "Inception块", "7.3 [...]"),
    ("3.5 随机梯度下降", "随机梯度下降法（SGD）", "3.5 随机梯度下降"),
    ("3.5 随机梯度下降法", "随机梯度下降法（SGD）", "3.5 [...]"),
    ("第2章 ResNet与DenseNet", "ResNet / DenseNet", "第2章 [...]与[...]"),
    ("5.1 Adam优化器", "adam", "5.1 [...]优化器"),
    ("5.1 优化器", None, "5.1 优化器"),
])
def test_the_chapter_title_is_masked_where_it_holds_the_answer(chapter, answer, masked):
    assert mask_chapter(chapter, answer) == masked


def test_the_review_header_masks_the_answer_in_the_chapter(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    import os

    from conftest import run_cli

    notes = tmp_path / "notes.txt"
    notes.write_text("《网络结构》\n\n林一\n1个笔记\n\n\n◆ 第二章 稠密连接网络（DenseNet）\n\n"
                     ">> DenseNet让每一层都接收前面所有层的输出作为输入。\n\n-- 来自微信读书\n",
                     encoding="utf-8")
    db = tmp_path / "deck.db"
    assert run_cli("import", str(notes), "--db", str(db)).returncode == 0
    env = dict(os.environ, COLUMNS="100", LINES="30", TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-m", "studykit", "review", "--db", str(db)], env=env,
                          encoding="utf-8", timeout=20, dimensions=(30, 100))
    child.expect(r"稠密连接网络（\[\.\.\.\]）")
    child.expect("Space to reveal")
    assert "DenseNet" not in child.before
    child.send("q")
    child.expect(pexpect.EOF)


# -- the seeds: real notes nobody here wrote ------------------------------------------------------
def _seed_cards():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    for path in sorted(SEEDS.glob("0*.txt")):
        for book in read_file(path):
            for h in book.highlights:
                if not is_junk(h.text, h.kind):
                    yield path.name, h, generate_cards(h.text, kind=h.kind, note=h.note,
                                                       chapter=h.chapter, front=h.front)


def test_no_seed_card_breaks_a_rule():
    seen = 0
    for name, h, cards in _seed_cards():
        for card in cards:
            seen += 1
            where = f"{name} {h.id} {card.kind}:{card.answer!r}"
            assert "本节代码文件" not in card.front and "://" not in (card.answer or ""), where
            assert card.front != card.back, where  # the answer is never the whole front
            if card.kind == "cloze":
                assert worth_hiding(card.answer), where
                assert not re.search(r"\\[A-Za-z]", card.answer), where  # no LaTeX command
                if re.match(r"[\d×]|.*[\d×]$", card.answer):  # a number is never cut from one
                    assert not re.search(r"[\d×]\[\.\.\.\]|\[\.\.\.\][×\d]", card.front), where
                assert mask_chapter(h.chapter, card.answer).casefold().count(
                    card.answer.casefold()) == 0, where
    assert seen > 100


def test_the_labeled_benchmark_meets_its_targets():
    """bench/card_quality.py over the labels: BAD <= 5%, GOOD >= 70% on the seeds."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import card_quality
    finally:
        sys.path.remove(str(REPO / "bench"))
    labels = card_quality.read_labels()
    counts = {"GOOD": 0, "MEH": 0, "BAD": 0}
    for doc in card_quality.documents():
        if doc.is_seed:
            for label, n in card_quality.tally(doc, labels).labels.items():
                counts[label] += n
    scored = sum(counts.values())
    assert scored >= 100, "the seed readers changed highlight ids: relabel (bench/card_quality.py)"
    assert counts["BAD"] <= 0.05 * scored and counts["GOOD"] >= 0.70 * scored, counts
