"""Highlights that are page chrome rather than content: they make no card at all.

- notebook and download boilerplate (``本节代码文件在源代码文件的….ipynb中``, ``github 中有每章节
  的code源文件``);
- link lists (``▼ PAI链接:https://…。▼ 微软Azure链接:https://…``): URLs with labels;
- image credits (``图片来源:…``);
- tables of contents (``·utils.data简介。·torchvision简介。``);
- a page's greeting or words about itself (``你好! 这是…学习笔记``, ``欢迎关注``).

``chrome(text)`` names what it found (for tests and benchmarks), or returns None.
"""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(r"本[节章]代码|源代码文件|代码文件在|\.ipynb|代码下载|下载地址|下载链接|点击下载"
                          r"|提取码|网盘")
_REPOSITORY = re.compile(r"(?:github|gitee|GitHub|Gitee).{0,20}(?:源文件|源码|代码|clone|下载)")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\S*|www\.\S+")
_LINK_WORDS = re.compile(r"链接|参考|地址|网址|官网|来源|出处|[Ll]ink|github|GitHub")
_CREDIT = re.compile(r"^\s*(?:图片|图像|图)?(?:来源|出处|引自|转载)\s*[:：]")
_UNIT = re.compile(r"[\u3400-\u9fff]|[A-Za-z0-9_]+")
LINK_LIST_UNITS = 12  # what a link list says besides its URLs: labels, a few words
_BULLET = re.compile(r"[·•▪●]")
_TITLE_ENDING = re.compile(r"(?:简介|介绍|概述|概览|实例|示例|入门|基础|总结|小结|实践|教程|详解|简析)"
                           r"(?:及实例|与实践)?[。.；;]?\s*$")
TOC_ITEM_UNITS = 16
_SELF = re.compile(r"^\s*(?:你好|大家好|hello|Hello|Hi|hi)\b|^\s*(?:你好|大家好)|欢迎(?:关注|点赞|收藏|转发|留言)"
                   r"|(?:这是|本文是|本篇是)[^。！？!?]{0,30}(?:笔记|博客|系列)")
# what every kind of chrome holds, each alternative opening with a literal character (the
# regex engine then looks only at positions holding one of them); a greeting in English
# opens the text (checked apart)
_MAYBE = re.compile("|".join([
    "本节代码|本章代码|源代码文件|代码文件在|\\.ipynb|代码下载|下载地址|下载链接|点击下载|提取码|网盘",
    "github|gitee|GitHub|Gitee|来源|出处|引自|转载|://|www\\.", "·", "•", "▪", "●",
    "你好|大家好|欢迎|这是|本文|本篇"]))


def chrome(text: str) -> str | None:
    """What kind of chrome ``text`` is, or None for content."""
    if not _MAYBE.search(text) and text.lstrip()[:1] not in ("H", "h"):
        return None  # the usual case: one scan
    if _BOILERPLATE.search(text):
        return "notebook or download boilerplate"
    if _REPOSITORY.search(text):
        return "a pointer to the code repository"
    if _CREDIT.match(text):
        return "an image credit"
    if _SELF.search(text):
        return "the page's greeting or words about itself"
    if "://" in text or "www." in text:
        rest = _URL.sub(" ", text)
        if _LINK_WORDS.search(rest) or len(_UNIT.findall(rest)) <= LINK_LIST_UNITS:
            return "a link list"
    if _is_table_of_contents(text):
        return "a table of contents"
    return None


def _is_table_of_contents(text: str) -> bool:
    """Two or more bullet items, short, most of them section titles (``…简介``)."""
    items = [item.strip().split("\n")[0] for item in _BULLET.split(text)[1:] if item.strip()]
    if len(items) < 2:
        return False
    if any(len(_UNIT.findall(item)) > TOC_ITEM_UNITS for item in items):
        return False
    titled = sum(1 for item in items if _TITLE_ENDING.search(item))
    return 2 * titled >= len(items)
