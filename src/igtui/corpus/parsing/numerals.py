"""Chinese numerals and the law-article labels written with them (第三十七条 -> 第37条).

Kept apart from `shapes` for start-up speed: the search box, the locator and the references
need these few functions on every launch, and `shapes` compiles dozens of patterns at import
(~20 ms) that only a parse uses.
"""

from __future__ import annotations

import re

# the characters a Chinese numeral is written with
CN_NUM = "一二三四五六七八九十百千零〇两"
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ALL_DIGITS = {**CN_DIGITS, "零": 0, "〇": 0, "两": 2}
_ARTICLE = re.compile(f"第\\s*([{CN_NUM}\\d]+)\\s*[条條](?:之([{CN_NUM}]+))?")


def cn_number(text: str) -> int | None:
    """'45' -> 45, '四十五' -> 45, '一百零五' -> 105, '一千二百' -> 1200; None if not a number."""
    text = text.strip()
    if text.isdecimal():
        return int(text)
    if not text:
        return None
    total = digit = 0
    for ch in text:
        if ch in _ALL_DIGITS:
            digit = _ALL_DIGITS[ch]
        elif ch in _UNITS:
            total, digit = total + (digit or 1) * _UNITS[ch], 0
        else:
            return None
    return total + digit


def article_label(text: str) -> str | None:
    """The label of the law article `text` names ("第三十七条", "第 37 条", "第37条之一"):
    "第37条" ("第37条之一"), the one form every spelling shares; None if it names none."""
    match = _ARTICLE.fullmatch(text.strip())
    if match is None:
        return None
    number = cn_number(match.group(1))
    if number is None:
        return None
    return f"第{number}条" + (f"之{match.group(2)}" if match.group(2) else "")
