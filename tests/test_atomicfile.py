"""Files are replaced whole or not at all, and no temporary file is left behind."""

from __future__ import annotations

import pytest

from studykit.atomicfile import atomic_write


def test_a_finished_write_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with atomic_write(target) as f:
        f.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_an_interrupted_write_keeps_the_old_file_and_removes_the_temporary(tmp_path,
                                                                           interruption):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(interruption), atomic_write(target, "wb") as f:
        f.write(b"half of the new")
        raise interruption
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]
