"""Import a generated WeRead library of 500 plugin-format books x 100 highlights.

    .venv/bin/python bench/import_bench.py [--books 500] [--per-book 100]

Prints the first-import rate (highlights/s), the unchanged re-import time, and where
the time goes (read+parse vs database) measured in-process. Anchor on this machine:
Anki's Rust CSV importer does ~26-29k notes/s; its unchanged re-import of 50k ~0.6 s.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import tempfile
import time
from pathlib import Path

from _common import BIN, table

ANKI_NOTES_PER_S = 27_500  # midpoint of the stated anchor (Anki CSV import, this machine)
ANKI_REIMPORT_S = 0.6

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


def breakdown(folder: Path) -> float:
    from studykit.sources import read_file

    started = time.perf_counter()
    for path in sorted(folder.glob("*.md")):
        read_file(path)
    return time.perf_counter() - started


def main() -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, default=500)
    parser.add_argument("--per-book", type=int, default=100)
    args = parser.parse_args()
    total = args.books * args.per_book
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "library", Path(tmp) / "deck.db"
        folder.mkdir()
        generate(folder, args.books, args.per_book)
        first_s, first = run_import(folder, db)
        again_s, again = run_import(folder, db)
        parse_s = breakdown(folder)
    assert first["highlights"]["new"] == total, first
    assert again["highlights"]["unchanged"] == total, again
    rate = total / first_s
    print(table([
        ("first import", f"{first_s:.2f} s", f"{rate:,.0f} highlights/s",
         f"{rate / ANKI_NOTES_PER_S:.2f}x Anki ({ANKI_NOTES_PER_S:,}/s)"),
        ("unchanged re-import", f"{again_s:.2f} s", "",
         f"{again_s / ANKI_REIMPORT_S:.2f}x Anki's time ({ANKI_REIMPORT_S} s)"),
        ("  of which read+parse", f"{parse_s:.2f} s", "", "in-process, no database"),
    ], ("step", "time", "rate", "vs anchor")))
    print(f"{total:,} highlights, {first['cards']['new']:,} cards created")
    return {"first_s": first_s, "rate": rate, "reimport_s": again_s, "parse_s": parse_s}


if __name__ == "__main__":
    main()
