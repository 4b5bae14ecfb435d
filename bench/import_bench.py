"""Import a generated WeRead library of 500 plugin-format books x 100 highlights.

    .venv/bin/python bench/import_bench.py [--books 500] [--per-book 100]
    .venv/bin/python bench/import_bench.py --against OLD [--rounds 5]

Prints the first-import rate (highlights/s), the unchanged re-import time and the time of
a re-import after one highlight was added to one book, of the whole `studykit import` command, next to Anki's own CSV importer on as many notes when the
`anki` package is installed (see anki_import.py). Targets: first import >= 1.0x Anki's
notes/s; unchanged re-import <= 1.0x Anki's duplicate pass.

``--against OLD`` times the first import of the command with the ``studykit`` package in
OLD (a folder, e.g. ``git archive BASE studykit | tar -x -C OLD``) and with this one,
taking turns on the same library: wall and CPU seconds (its worker processes included).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, REPO, table

WORDS = ["张量", "梯度", "卷积", "池化", "填充", "步幅", "激活函数", "损失函数", "优化器", "学习率", "批量", "归一化", "残差", "注意力", "序列", "隐状态", "权重", "偏置", "反向传播", "计算图", "叶子节点", "数据集", "小批量", "过拟合", "正则化"]
APIS = ("optimizer.zero_grad()", "loss.backward()", "nn.Conv2d", "nn.MaxPool2d", "x.view(-1)",
        "torch.no_grad()", "requires_grad", ".to(device)", "nn.Linear", "F.relu")


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 6)
    api = rng.choice(APIS)
    return f"{words[0]}和{words[1]}决定了{words[2]}，调用 {api} 时{words[3]}会影响{words[4]}与{words[5]}。"


def book_text(book: int, per_book: int, rng: random.Random) -> str:
    lines = ["---", "doc_type: weread-highlights-reviews", f'bookId: "{900000 + book}"',
             f"title: 生成的书 {book}", "author: 基准", "---", "# 高亮划线"]
    for i in range(per_book):
        if i % 20 == 0:
            lines.append(f"## 第{i // 20 + 1}章")
        block = f"{900000 + book}-{i // 20 + 1}-{i * 100}-{i * 100 + 60}"
        if i % 2:
            lines += [f"- 📌 {sentence(rng)} ^{block}", "    - ⏱ 2024-03-01 08:00:00"]
        else:
            lines += [f"> 📌 {sentence(rng)}", f"> ⏱ 2024-03-01 08:00:00 ^{block}"]
            if i % 10 == 0:
                lines.append(f"- 💭 {sentence(rng)} - ⏱ 2024-03-02 09:00:00")
    return "\n".join(lines) + "\n"


def generate(folder: Path, books: int, per_book: int) -> None:
    rng = random.Random(7)
    for b in range(books):
        (folder / f"book{b:04}.md").write_text(book_text(b, per_book, rng), encoding="utf-8")


def run_import(folder: Path, db: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    out = subprocess.run([str(BIN / "studykit"), "import", str(folder), "--db", str(db), "--json"],
                         capture_output=True, text=True, check=True)
    return time.perf_counter() - started, json.loads(out.stdout)


def measure(books: int = 500, per_book: int = 100) -> dict:
    """Seconds of the first and of an unchanged re-import of a generated library, and of a
    re-import after reading went on in one book (one highlight appended to its file)."""
    total = books * per_book
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "library", Path(tmp) / "deck.db"
        folder.mkdir()
        generate(folder, books, per_book)
        first_s, first = run_import(folder, db)
        again_s, again = run_import(folder, db)
        with (folder / "book0000.md").open("a", encoding="utf-8") as book:
            book.write(f"- 📌 {sentence(random.Random(1))} ^900000-9-1-60\n")
        grown_s, grown = run_import(folder, db)
    assert first["highlights"]["new"] == total, first
    assert again["highlights"]["unchanged"] == total, again
    assert grown["highlights"] == {"new": 1, "updated": 0, "unchanged": total,
                                   "removed": 0}, grown
    return {"highlights": total, "cards": first["cards"]["new"], "first_s": first_s,
            "rate": total / first_s, "reimport_s": again_s, "grown_s": grown_s}


def timed_import(tree: str, folder: Path, db: Path) -> tuple[float, float]:
    """Wall and CPU seconds (children included) of a first import by the ``studykit``
    package in ``tree`` ("": this one), run outside the repository (``-m`` would find this
    one first there), both linking to this catalog."""
    env = dict(os.environ, STUDYKIT_EXERCISES=str(REPO / "exercises"))
    if tree:
        env["PYTHONPATH"] = tree
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "studykit", "import", str(folder), "--db", str(db),
                    "--json"], capture_output=True, env=env, cwd=folder.parent, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def against(old: Path, books: int, per_book: int, rounds: int) -> None:
    """The first import by the package in ``old`` and by this one, taking turns."""
    figures: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        generate(folder, books, per_book)
        for turn in range(rounds):
            for name, tree in (("old", str(old.resolve())), ("new", "")):
                db = Path(tmp) / f"{name}{turn}.db"
                figures[name].append(timed_import(tree, folder, db))
                db.unlink()
            print(" ".join(f"{name} {f[-1][0]:.2f} s wall {f[-1][1]:.2f} s CPU;"
                           for name, f in figures.items()), flush=True)
    total = books * per_book
    rows = []
    for name, runs in figures.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        rows.append((name, f"{wall:.2f} s", f"{cpu:.2f} s", f"{cpu / total * 1e6:.1f} µs"))
    print(table(rows, ("first import", "wall (median)", "CPU (median)", "CPU per highlight")))
    ratios = [n[0] / o[0] for o, n in zip(figures["old"], figures["new"], strict=True)]
    print(f"{total:,} highlights, {rounds} turns each; new/old wall, median of the pairs: "
          f"{statistics.median(ratios):.2f}")


def main() -> None:
    from anki_import import measure as measure_anki

    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, default=500)
    parser.add_argument("--per-book", type=int, default=100)
    parser.add_argument("--against", type=Path, help="a folder holding an older studykit "
                        "package: time both first imports, taking turns")
    parser.add_argument("--rounds", type=int, default=5, help="with --against: turns each")
    args = parser.parse_args()
    if args.against:
        against(args.against, args.books, args.per_book, args.rounds)
        return
    ours = measure(args.books, args.per_book)
    anki = measure_anki(ours["highlights"])
    rows = [("first import", f"{ours['first_s']:.2f} s", f"{ours['rate']:,.0f}/s"),
            ("unchanged re-import", f"{ours['reimport_s']:.2f} s", "")]
    grown = ("re-import, one highlight added", f"{ours['grown_s']:.2f} s", "")
    if anki:
        rows[0] += (f"{anki['first_s']:.2f} s = {anki['rate']:,.0f}/s",
                    f"{ours['rate'] / anki['rate']:.2f}x Anki's rate")
        rows[1] += (f"{anki['reimport_s']:.2f} s",
                    f"{ours['reimport_s'] / anki['reimport_s']:.2f}x Anki's time")
        headers = ("step", "studykit", "rate", "Anki CSV import", "ratio")
        grown += ("", "")
    else:
        headers = ("step", "studykit", "rate")
    print(table([*rows, grown], headers))
    print(f"{ours['highlights']:,} highlights, {ours['cards']:,} cards created and linked"
          + ("" if anki else "; Anki column skipped: pip install anki"))


if __name__ == "__main__":
    main()
