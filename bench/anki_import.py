"""Anki's own CSV importer (the `anki` package, Anki's Rust backend) on the same number
of notes as the studykit import benchmark: a first import, then the same file again
(Anki's duplicate pass: every note found unchanged).

    .venv/bin/python bench/anki_import.py [--notes 50000]

Notes are basic (Front, Back) rows holding the same generated sentences as the WeRead
library of import_bench.py. Timed inside the process around ``Collection.import_csv``
(the call Anki's File > Import runs), so Anki's figures exclude its start-up while
studykit's include the whole command.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from _common import table
from import_bench import sentence


def available() -> bool:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        return False
    return True


def write_csv(path: Path, notes: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        out.write("#separator:tab\n#html:false\n#columns:Front\tBack\n")
        for i in range(notes):
            out.write(f"{sentence(rng)}\t生成的书 {i // 100}\n")


def measure(notes: int = 50_000) -> dict | None:
    """Seconds for Anki's first import and its duplicate pass; None without `anki`."""
    if not available():
        return None
    from anki.collection import Collection, ImportCsvRequest

    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "notes.csv"
        write_csv(csv, notes)
        collection = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            timings = []
            for _ in range(2):
                metadata = collection.get_csv_metadata(str(csv), None)
                started = time.perf_counter()
                log = collection.import_csv(ImportCsvRequest(path=str(csv), metadata=metadata)).log
                timings.append(time.perf_counter() - started)
            assert collection.note_count() == notes, collection.note_count()
            assert len(log.duplicate) == notes, len(log.duplicate)
        finally:
            collection.close()
    return {"first_s": timings[0], "rate": notes / timings[0], "reimport_s": timings[1]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=50_000)
    args = parser.parse_args()
    result = measure(args.notes)
    if result is None:
        print("the `anki` package is not installed (pip install anki)")
        return
    print(table([("first import", f"{result['first_s']:.2f} s", f"{result['rate']:,.0f} notes/s"),
                 ("same file again (duplicates)", f"{result['reimport_s']:.2f} s", "")],
                ("Anki CSV import", "time", "rate")))


if __name__ == "__main__":
    main()
