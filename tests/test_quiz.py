"""`studykit quiz`: distractors, typed answers, shape answers (static, checked against
torch here), the working shown for a wrong one, the due-now rule, and the command end to end (piped and in a real pseudo-terminal)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from random import Random

import pexpect
import pytest
from conftest import HIGHLIGHTS

from studykit import quiz
from studykit.deck import Deck, from_db_time, to_db_time, utc_now
from studykit.errors import StudykitError
from studykit.quiz import (
    Candidate,
    Question,
    QuizSession,
    answer_class,
    build_quiz,
    distractors,
    option_key,
    typed_right,
)
from studykit.quiz_shapes import ShapeProblem, near_misses, near_out, random_problem

# The quiz command is not on the import line of studykit/cli/__init__.py yet: import its
# module first, then run the real entry point; report whether torch was ever imported.
RUNNER = ("import atexit, sys\n"
          "atexit.register(lambda: print('TORCH', 'torch' in sys.modules, file=sys.stderr))\n"
          "from studykit.cli import main\n"
          "sys.argv = ['studykit', *sys.argv[1:]]\n"
          "main()\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    from studykit.importer import import_paths

    path = tmp_path_factory.mktemp("template") / "deck.db"
    with Deck(path) as deck:
        import_paths(deck, [HIGHLIGHTS])
    return path


@pytest.fixture
def db(template, tmp_path):
    target = tmp_path / "deck.db"
    with Deck(template, readonly=True) as deck:
        deck.backup(target)
    return target


@pytest.fixture
def deck(db):
    with Deck(db) as d:
        yield d


def run_quiz(db, *args, input="", timeout=120):
    return subprocess.run([sys.executable, "-c", RUNNER, "quiz", "--db", str(db), *args],
                          capture_output=True, text=True, input=input, timeout=timeout,
                          env=dict(os.environ))


# -- answer classes and distractors -----------------------------------------------------------
@pytest.mark.parametrize("text, cls", [
    ("nn.Conv2d", "code"), ("output_padding", "code"), ("padding", "code"), ("exp(o_i)", "code"),
    ("loss.backward()", "code"), ("3×3", "number"), ("112", "number"), ("11.8%", "number"),
    ("(64, 3, 3, 3)", "number"), ("6@28×28", "number"), ("卷积核", "term"), ("CNN", "term"),
    ("receptive field", "term"), ("Fashion-MNIST", "term")])
def test_answer_classes(text, cls):
    assert answer_class(text) == cls


def test_every_cloze_card_gets_three_fitting_distractors(deck):
    from studykit.deck import quiz as sql

    pool = quiz.candidate_pool(sql.cloze_answers(deck.conn))
    rows = deck.conn.execute("SELECT book_id, front, answer FROM cards WHERE kind = 'cloze'")
    checked = 0
    for book_id, front, answer in rows:
        wrong = distractors(answer, Random(checked), pool=pool, book_id=book_id, front=front)
        keys = [option_key(w) for w in wrong]
        assert len(wrong) == 3, (answer, wrong)
        assert option_key(answer) not in keys
        assert len(set(keys)) == 3
        assert {answer_class(w) for w in wrong} == {answer_class(answer)}, (answer, wrong)
        checked += 1
    assert checked > 300


def test_distractors_prefer_the_same_book_and_same_form_then_fall_back():
    pool = [Candidate("a", t) for t in ("卷积核", "填充", "步幅", "池化层", "CNN")]
    pool += [Candidate("b", t) for t in ("梯度", "张量", "GPU")]
    same_book = distractors("感受野", Random(1), pool=pool, book_id="a")
    assert set(same_book) <= {"卷积核", "填充", "步幅", "池化层"}
    vgg = distractors("VGG", Random(1), pool=pool, book_id="a")  # acronyms first, any book
    assert vgg[:2] == ["CNN", "GPU"] and vgg[2] in {"卷积核", "填充", "步幅", "池化层"}
    few = distractors("梯度下降", Random(1), pool=pool[:1] + pool[5:], book_id="a")
    assert few == ["卷积核", "张量", "GPU"]  # the book's one, other books' (梯度 is too close)
    assert len(distractors("nn.Linear", Random(1), pool=pool, book_id="a")) == 0  # no code


def test_near_duplicates_and_visible_text_are_never_options():
    pool = [Candidate("a", t) for t in ("互相关运算", "互 相关", "卷积核", "填充", "步幅", "池化层")]
    wrong = distractors("互相关", Random(3), pool=pool, book_id="a", front="把卷积核翻转，做[...]")
    assert set(wrong) == {"填充", "步幅", "池化层"}
    wrong = distractors("3×3", Random(3), pool=[Candidate("a", "3x3"), Candidate("a", "5×5")])
    assert "3x3" not in wrong and "5×5" in wrong and len(wrong) == 3
    assert len({option_key(w) for w in wrong} | {option_key("3×3")}) == 4


def test_numbers_fall_back_to_generated_variants():
    for answer in ("112", "28×28", "11.8%", "(8, 16, 16, 16)", "1"):
        wrong = distractors(answer, Random(0))
        assert len(wrong) == 3 and option_key(answer) not in map(option_key, wrong)
        assert all(answer_class(w) == "number" and re.sub(r"[\d.]+", "#", w) ==
                   re.sub(r"[\d.]+", "#", answer) for w in wrong), wrong


def test_a_seed_makes_the_quiz_reproducible(deck, tmp_path):
    def make(seed):
        return build_quiz(deck, count=10, kind="cloze", rng=Random(seed))

    first = make(42)
    assert first == make(42)
    assert first != make(43)
    assert len(first) == 10 and all(len(q.options) == 4 for q in first)
    assert all(q.answer in q.options and q.card_id for q in first)


# -- typed answers ----------------------------------------------------------------------------
@pytest.mark.parametrize("given, answer", [
    ("NN.conv2d", "nn.Conv2d"), ("ｃｅｌｌ　ｓｔａｔｅ", "cell state"), ("cellstate", "cell state"),
    ("（８，　１６）", "(8, 16)"), ("3x3", "3×3"), ("8,16,16,16", "(8, 16, 16, 16)"),
    ("torch.Size([8, 16, 16, 16])", "(8, 16, 16, 16)"), ("卷积核", "卷积核"), (" 4096 ", "4096")])
def test_typed_answers_forgive_case_width_spacing_and_punctuation(given, answer):
    assert typed_right(given, answer)
    assert Question("cloze", "x [...]", answer).is_right(given)


@pytest.mark.parametrize("given, answer", [
    ("nn.Conv1d", "nn.Conv2d"), ("卷积", "卷积核"), ("(8, 16, 16)", "(8, 16, 16, 16)"),
    ("4097", "4096"), ("", "padding")])
def test_typed_answers_still_have_to_be_right(given, answer):
    assert not typed_right(given, answer)


# -- shape questions --------------------------------------------------------------------------
def test_static_shape_answers_equal_torchs_and_near_misses_differ():
    torch = pytest.importorskip("torch")  # the test checks against torch; the quiz never
    rng = Random(0)
    problems = [random_problem(rng) for _ in range(60)]
    layers = {layer[0] for p in problems for layer in p.layers}
    assert layers >= {"Conv2d", "MaxPool2d", "ConvTranspose2d", "Flatten"}
    with torch.no_grad():
        for problem in problems:
            trace, x = problem.trace(), torch.zeros(problem.input)
            for (name, args, kwargs), shape in zip(problem.layers, trace, strict=True):
                x = getattr(torch.nn, name)(*args, **dict(kwargs))(x)
                assert shape == tuple(x.shape), problem  # after every layer, not only the last
            near = problem.input
            for layer in problem.layers:
                near = near_out(layer, near)
            assert near == trace[-1]
            misses = near_misses(problem, trace[-1])
            assert misses and problem.answer_text(trace[-1]) not in misses


def test_prompts_read_like_the_issue():
    conv = ("Conv2d", (3, 16), (("kernel_size", 5), ("stride", 1), ("padding", 2)))
    problem = ShapeProblem((8, 3, 32, 32), (conv, ("MaxPool2d", (2,), ())))
    assert problem.prompt() == ("x: (8, 3, 32, 32) → nn.Conv2d(3, 16, kernel_size=5, stride=1, "
                                "padding=2) → nn.MaxPool2d(2) → shape?")
    misses = near_misses(problem, (8, 16, 16, 16))
    assert "(8, 16, 14, 14)" in misses  # forgot the padding
    assert "(8, 16, 31, 31)" in misses  # forgot that the pool's stride is its kernel
    flat = ShapeProblem((8, 3, 32, 32), (conv, ("Flatten", (), ())), "in_features")
    assert flat.prompt().endswith("nn.Flatten() → nn.Linear(?, 10): in_features of the Linear "
                                  "after Flatten?")
    assert flat.answer_text((8, 16384)) == "16384"
    assert {"1024", str(8 * 16384)} <= set(near_misses(flat, (8, 16384)))


def test_shape_quiz_starts_no_child_and_writes_no_file(deck, studykit_home, monkeypatch):
    import subprocess

    def no_child(*args, **kwargs):
        raise AssertionError("a shape quiz must not start a process")

    monkeypatch.setattr(subprocess, "Popen", no_child)
    before = sorted(studykit_home.rglob("*"))
    first = build_quiz(deck, count=6, kind="shape", rng=Random(5))
    assert build_quiz(deck, count=6, kind="shape", rng=Random(5)) == first
    assert sorted(studykit_home.rglob("*")) == before
    assert all(q.kind == "shape" and q.answer in q.options and len(q.options) == 4
               for q in first)
    assert all(len({option_key(o) for o in q.options}) == 4 for q in first)


def test_the_working_shows_the_shape_after_each_layer():
    conv = ("Conv2d", (3, 16), (("kernel_size", 5), ("stride", 1), ("padding", 2)))
    problem = ShapeProblem((8, 3, 32, 32), (conv, ("MaxPool2d", (2,), ()),
                                            ("Flatten", (), ())), "in_features")
    trace = problem.trace()
    assert trace == [(8, 16, 32, 32), (8, 16, 16, 16), (8, 4096)]
    assert problem.working(trace) == [
        "x: (8, 3, 32, 32)",
        "nn.Conv2d(3, 16, kernel_size=5, stride=1, padding=2) → (8, 16, 32, 32)",
        "nn.MaxPool2d(2) → (8, 16, 16, 16)",
        "nn.Flatten() → (8, 4096)",
        "in_features = 16 × 16 × 16 = 4096"]


def test_mixed_quiz_has_both_kinds(deck, tmp_path):
    questions = build_quiz(deck, count=10, kind="mixed", rng=Random(2))
    assert [q.kind for q in questions].count("shape") == 5
    assert [q.kind for q in questions].count("cloze") == 5


# -- the due-now rule -----------------------------------------------------------------------------
def _cloze(deck, state):
    row = deck.conn.execute("SELECT id, front, answer FROM cards WHERE kind = 'cloze' "
                            "AND state = 0 ORDER BY rowid LIMIT 1").fetchone()
    if state:
        deck.conn.execute("UPDATE cards SET state = ?, due = '2099-01-01T00:00:00Z', reps = 3 "
                          "WHERE id = ?", (state, row["id"]))
    return Question("cloze", row["front"], row["answer"], (row["answer"], "wrong one"), row["id"])


def _card(deck, card_id):
    return deck.conn.execute("SELECT state, due, reps FROM cards WHERE id = ?",
                             (card_id,)).fetchone()


def test_a_wrong_cloze_answer_makes_the_card_due_now(deck):
    now = utc_now()
    question = _cloze(deck, state=2)
    session = QuizSession(deck, [question], clock=lambda: now)
    assert not session.answer(question, "wrong one").correct
    card = _card(deck, question.card_id)
    assert from_db_time(card["due"]) == now and card["state"] == 2 and card["reps"] == 3
    assert deck.conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 0
    assert session.score == (0, 1) and session.missed[0].question is question


def test_a_right_answer_and_a_new_card_are_left_alone(deck):
    review = _cloze(deck, state=2)
    session = QuizSession(deck, [review])
    assert session.answer(review, review.answer).correct
    assert _card(deck, review.card_id)["due"] == "2099-01-01T00:00:00Z"
    new = _cloze(deck, state=0)
    session.answer(new, "wrong one")
    assert tuple(_card(deck, new.card_id)) == (0, None, 0)
    assert session.score == (1, 2)


# -- the command ----------------------------------------------------------------------------------
def test_piped_mixed_quiz_reaches_its_score_without_torch_in_the_cli(db):
    out = run_quiz(db, "-n", "4", "--seed", "3", input="1\n2\n\nnonsense\nc\n4\n")
    assert out.returncode == 0, out.stderr
    assert re.search(r"^Score: [0-4]/4$", out.stdout, re.M), out.stdout
    assert "TORCH False" in out.stderr
    assert "1/4 · " in out.stdout and "4/4 · " in out.stdout


def test_a_wrong_shape_answer_shows_the_shape_after_each_layer(db, deck):
    question = build_quiz(deck, count=1, kind="shape", rng=Random(4))[0]
    wrong = next(i for i, o in enumerate(question.options, 1) if o != question.answer)
    out = run_quiz(db, "-n", "1", "--kind", "shape", "--seed", "4", input=f"{wrong}\n")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    at = lines.index(f"✗ wrong · answer: {question.answer}")
    assert lines[at + 1] == "  worked out layer by layer:"
    assert lines[at + 2:at + 2 + len(question.working)] == [f"    {w}" for w in question.working]
    assert len(question.working) >= 2 and question.working[-1].endswith(
        question.answer if question.prompt.endswith("shape?") else f"= {question.answer}")
    assert "TORCH False" in out.stderr


def test_piped_typed_quiz_scores_and_lists_the_missed(db, deck):
    questions = build_quiz(deck, count=3, kind="cloze", typed=True, rng=Random(9))
    answers = [questions[0].answer.upper(), "no idea", f"  {questions[2].answer} "]
    out = run_quiz(db, "-n", "3", "--kind", "cloze", "--typed", "--seed", "9",
                   input="\n".join(answers) + "\n")
    assert out.returncode == 0, out.stderr
    assert re.search(r"^Score: 2/3$", out.stdout, re.M), out.stdout
    missed = out.stdout.split("Missed:")[1]
    assert questions[1].answer in missed and questions[0].answer not in missed.split("→")[0]


def test_q_quits_early_and_still_scores(db):
    out = run_quiz(db, "--kind", "cloze", "--seed", "1", input="1\nq\n")
    assert out.returncode == 0, out.stderr
    assert re.search(r"^Score: [01]/1$", out.stdout, re.M)
    assert "2/10 · cloze" in out.stdout and "3/10" not in out.stdout


def test_unknown_book_and_kind_are_errors(db):
    out = run_quiz(db, "--book", "no such book")
    assert out.returncode == 1 and "no book matches" in out.stderr
    out = run_quiz(db, "--kind", "essay")
    assert out.returncode == 1 and "unknown quiz kind" in out.stderr


def test_no_cloze_cards_is_an_error_and_a_lone_card_is_typed(deck, tmp_path):
    with Deck(tmp_path / "empty.db") as empty, pytest.raises(StudykitError, match="no cloze"):
        build_quiz(empty, kind="cloze")
    deck.conn.execute("UPDATE cards SET suspended = 1 WHERE kind = 'cloze' AND rowid != "
                      "(SELECT MIN(rowid) FROM cards WHERE kind = 'cloze')")
    (only,) = build_quiz(deck, count=5, kind="cloze", rng=Random(0))
    assert only.options == () and only.is_right(only.answer)


def test_book_filter(deck):
    title = deck.conn.execute("SELECT title FROM books ORDER BY id LIMIT 1").fetchone()[0]
    questions = build_quiz(deck, count=8, kind="cloze", book=title[:4], rng=Random(0))
    assert {q.source for q in questions} == {title}


def test_cli_module_imports_nothing_heavy():
    code = ("import sys, studykit.cli.quiz_commands\n"
            "print([m for m in ('torch', 'rich', 'sqlite3') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_short_quiz_in_a_real_terminal(db):
    env = dict(os.environ, COLUMNS="100", LINES="40", TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-c", RUNNER, "quiz", "--db", str(db), "-n", "3",
                                           "--seed", "4"],
                          env=env, encoding="utf-8", timeout=60, dimensions=(40, 100))
    for number in (1, 2, 3):
        child.expect(f"{number}/3 · ")
        child.expect("q quits")
        if number == 1:
            child.send("x")  # not an option: asked again
            child.expect("press 1-4")
        child.send(str(number))  # a single key, no Enter
        child.expect("right|wrong")
    child.expect(r"Score: [0-3]/3")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_quit_in_a_real_terminal_keeps_the_score(db):
    env = dict(os.environ, COLUMNS="100", LINES="40", TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-c", RUNNER, "quiz", "--db", str(db), "-n", "3",
                                           "--kind", "cloze", "--seed", "4"],
                          env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect("q quits")
    child.send("b")
    child.expect("right|wrong")
    child.expect("2/3 · ")
    child.expect("q quits")
    child.send("q")
    child.expect(r"Score: [01]/1")
    child.expect(pexpect.EOF)


def test_wrong_answers_from_the_cli_bring_review_cards_forward(db):
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE cards SET state = 2, due = '2099-01-01T00:00:00Z'")
    with Deck(db) as deck:
        questions = build_quiz(deck, count=3, kind="cloze", typed=True, rng=Random(11))
    before = to_db_time(utc_now())
    out = run_quiz(db, "-n", "3", "--kind", "cloze", "--typed", "--seed", "11",
                   input="nope\nnope\nnope\n")
    assert "Score: 0/3" in out.stdout, out.stdout
    with sqlite3.connect(db) as conn:
        dues = [conn.execute("SELECT due FROM cards WHERE id = ?", (q.card_id,)).fetchone()[0]
                for q in questions]
        assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM cards WHERE due < '2099'").fetchone()[0] == 3
    assert all(before <= due <= to_db_time(utc_now()) for due in dues)
