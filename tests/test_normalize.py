import codecs

import pytest

from studykit.errors import SourceError
from studykit.sources.normalize import decode, normalise

TEXT = "第一章 张量\n◆ 视图与原张量共享内存。\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("gb18030"),
    TEXT.encode("gbk"),
], ids=["utf8", "utf8-bom", "utf16le", "utf16be", "gb18030", "gbk"])
def test_every_supported_encoding_decodes(data):
    assert decode(data) == TEXT


def test_binary_data_is_an_error_with_a_remedy():
    with pytest.raises(SourceError) as err:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "cover.png")
    assert err.value.message == "cover.png: this is a binary file, not text"
    assert "Markdown or plain text" in err.value.remedy


def test_a_false_utf16_bom_is_reported():
    with pytest.raises(SourceError, match="says it is UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "broken.txt")


def test_newlines_object_replacement_and_trailing_spaces():
    raw = "a \r\nb\t\rc\ufffc　\r\n\u200bd"
    assert normalise(raw) == "a\nb\nc　\nd"
