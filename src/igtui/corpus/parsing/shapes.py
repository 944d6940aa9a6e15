"""Character-level facts about a line of text: width, script, sentence ends, labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from igtui.corpus.parsing.numerals import CN_DIGITS as _CN_DIGITS
from igtui.corpus.parsing.numerals import CN_NUM as _CN_NUM
from igtui.corpus.parsing.numerals import article_label

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
# Characters drawn two columns wide (CJK, kana, hangul, full-width forms and punctuation).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
_WIDE_RUN = re.compile(_WIDE.pattern + "+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

SENTENCE_END = "。！？!?；;…：:."
_CLOSERS = "）)]】」』”’\"'》〉"
_OPENER_OF = dict(zip("）)]】」』》〉", "（([【「『《〈", strict=True))
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_MARKER_TAIL = re.compile(f"(?:[{_SUPERSCRIPTS}]+|\\^[a-z0-9]{{1,2}})$")
# characters at a paragraph's end that a footnote marker can take up
_MARKER_SPAN = 16
_DIGIT_MARKER_TAIL = re.compile(r"(?<=[。！？!?；;.”’\"'）)])\d{1,2}$")


# a caption's number ("图 1 …", "表 2-1 …", "Figure 3.", "Table 4:") up to its text: a line
# that starts so stands for a figure or table
CAPTION_NUMBER = re.compile(
    r"(?:图|表|Figure|Fig\.|Table|Chart|Exhibit)\s*\d+(?:[-.．]\d+)*\s*[.:：．]?\s*",
    re.IGNORECASE,
)
# the credit a report prints under a figure: "来源：…", "资料来源：…", "Source: …"
CREDIT = re.compile(r"(?:资料|数据|图片)?来源\s*[：:]|(?:data\s+)?sources?\s*:", re.IGNORECASE)


# a contents entry's dot leader to its page number ("一、总体情况 ........ 12")
LEADER = re.compile(r"(?:[.．·…‥⋯_]\s*){3,}\s*(?:\d{1,4}|[ivxlcIVXLC]{1,6})\s*$")
# a leader and its page number sit in a line's last characters
_LEADER_TAIL = 40
_LEADER_MARK = re.compile("[.．·…‥⋯_]")


@lru_cache(maxsize=4096)
def ends_in_leader(text: str) -> bool:
    """Whether `text` ends the way a contents entry does: a dot leader and a page number."""
    tail = text[-_LEADER_TAIL:]
    # most lines hold no leader character at all: no pattern to run
    return bool(_LEADER_MARK.search(tail)) and bool(LEADER.search(tail))


@lru_cache(maxsize=8192)
def width(text: str) -> int:
    """Display width in terminal columns (cached: the assembler asks about a line many times)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(len, _WIDE_RUN.findall(text)))


def cjk_count(text: str) -> int:
    # runs, not characters: a few objects per sentence instead of one per character
    return sum(map(len, _CJK_RUN.findall(text)))


def latin_words(text: str) -> int:
    return len(_LATIN_WORD.findall(text))


def is_wide(char: str) -> bool:
    return bool(_WIDE.match(char))


def squeeze(text: str) -> str:
    """Whitespace runs (incl. no-break and ideographic spaces) as one space, ends trimmed."""
    return " ".join(text.split())


def lang_of(text: str) -> str | None:
    """'zh', 'en', or None when the text holds no letters at all."""
    cjk = cjk_count(text)
    # every Latin word takes a letter and a separator: a text this Chinese needs no count
    if cjk and cjk * 2 >= (len(text) - cjk + 1) // 2:
        return "zh"
    words = latin_words(text)
    if not cjk and not words:
        return None
    # A Chinese paragraph often carries English names in parentheses: weigh a CJK
    # character about as much as a Latin word.
    return "zh" if cjk * 2 >= words else "en"


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
# English title case leaves only short words (a, of, the, for, with…) in lower case
_MINOR_WORD = 4


def title_case(text: str) -> bool:
    """English in title case ("Right to Privacy (Art. 17)", "ARTICLE 17"): the first and last
    words and every long word capitalized. A text with no English words says nothing (true)."""
    words = _WORD.findall(text)
    if not words:
        return True
    return all(
        not word[0].islower()
        for k, word in enumerate(words)
        if k in (0, len(words) - 1) or len(word) >= _MINOR_WORD
    )


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence, looking past footnote markers and closing marks."""
    tail = text.rstrip()
    if tail and (tail[-1].isalnum() or tail[-1] in _SUPERSCRIPTS):
        # a footnote marker after the sentence ("。12", "。¹", "^a"): only the end matters,
        # so the patterns look at the last few characters, not the whole paragraph
        head, end = tail[:-_MARKER_SPAN], tail[-_MARKER_SPAN:]
        tail = (head + _DIGIT_MARKER_TAIL.sub("", _MARKER_TAIL.sub("", end))).rstrip()
    while tail and tail[-1] in _CLOSERS:
        closer = tail[-1]
        opener = _OPENER_OF.get(closer)
        inner = tail[:-1].rstrip()
        if inner and inner[-1] in SENTENCE_END:
            return True
        # "。（已达成一致）": a parenthesis that follows a finished sentence.
        if opener and opener in inner:
            before = inner[: inner.rindex(opener)].rstrip()
            if before and before[-1] in SENTENCE_END:
                return True
        tail = inner
    return bool(tail) and tail[-1] in SENTENCE_END


_FULL_STOP = re.compile(r"\. (?!\d)")


def inner_sentence_marks(text: str) -> bool:
    """Whether the text holds punctuation that only running prose has inside it."""
    body = text.rstrip(SENTENCE_END + " ")
    # ". " before a number abbreviates ("Art. 17", "No. 5"): it ends no sentence
    return any(mark in body for mark in "，。；;！!") or (
        ". " in body and bool(_FULL_STOP.search(body))
    )


@dataclass(frozen=True, slots=True)
class Label:
    """How a paragraph numbers itself: its style (see LABEL_PATTERNS), label and the rest."""

    style: str
    label: str | None
    rest: str
    # behind a list bullet ("- a) …", "●…"): a list item whatever its number looks like
    bulleted: bool = False


# Order matters: the more specific shapes come first.
LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("markdown", re.compile(r"(#{1,6})\s+(?=\S)")),
    # Chinese law and policy structure: 第一编 > 第一章 > 第一节, articles 第一条 (labelled
    # "第37条" however printed: a namespace of their own, apart from numbered paragraphs)
    ("part", re.compile(f"第\\s*([{_CN_NUM}\\d]+)\\s*[编篇部](?!分)[：:\\s]*")),
    # "第一部分": a report's part, or a section inside a chapter: its place is where it shows
    ("division", re.compile(f"第\\s*([{_CN_NUM}\\d]+)\\s*部分[：:\\s]*")),
    ("chapter", re.compile(f"第\\s*([{_CN_NUM}\\d]+)\\s*章[：:\\s]*")),
    ("section", re.compile(f"第\\s*([{_CN_NUM}\\d]+)\\s*节[：:\\s]*")),
    (
        "article",
        re.compile(f"(第\\s*[{_CN_NUM}\\d]+\\s*条(?:之[{_CN_NUM}]+)?)[：:\\s]*(?=\\S|$)"),
    ),
    ("cn", re.compile(r"([一二三四五六七八九十]{1,3})[、.．]\s*(?=\S)")),
    ("arabic_letter", re.compile(r"(\d{1,3}[a-z])[)）]\s*(?=\S)")),
    ("arabic_comma", re.compile(r"(\d{1,3})、\s*(?=\S)")),
    ("arabic", re.compile(r"(\d{1,3})[.．](?![\d.])\s*(?=\S)")),
    ("letter", re.compile(r"([a-z])[)）]\s*(?=\S)")),
    ("letter", re.compile(f"([a-z])[.．]\\s+(?=[A-Z{CJK}（(])")),
    ("paren_cn", re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]\s*(?=\S)")),
    # "(22)" alone on its line is still an item's number (its text lost, or on the next line)
    ("paren_num", re.compile(r"[(（](\d{1,2})[)）]\s*(?=\S|$)")),
    ("paren", re.compile(r"[(（]([a-z]|[ivx]{1,4})[)）]\s*(?=\S)")),
    ("roman", re.compile(r"([IVX]{1,5})[.．]\s+(?=\S)")),
    ("alpha", re.compile(r"([A-Z])[.．]\s+(?=\S)")),
)
_BULLET = re.compile(r"(?:[●•○◆◇■□▪►✓]|[-*+–](?=\s|$))\s*")
_BRACKET = re.compile(r"\[\s*")
_REFERENCE = re.compile(r"\[(\d{1,3})\]\s*(?=\S)")
# A stray mark left before a label by a botched conversion ("`69. Para. …").
_STRAY = "`"
_LAW_STYLES = frozenset(("article",))




def _start_class(first: str) -> str:
    """Which label shapes a line starting with `first` can have (see `_BY_START`)."""
    if not first:
        return ""
    if first.isdigit():  # full-width digits too
        return "digit"
    if first in _CN_NUM:
        return "cn"
    if first in "IVX":
        return "roman"
    if first.isascii() and first.isalpha():
        return "upper" if first.isupper() else "lower"
    return first if first in "#第(（" else ""


# The shapes a line can have by its first character: each pattern is tried only on lines that
# start the way it does, and most lines start with no label character at all.
_STYLES_BY_START = {
    "digit": ("arabic_letter", "arabic_comma", "arabic"),
    "cn": ("cn",),
    "roman": ("roman", "alpha"),
    "upper": ("alpha",),
    "lower": ("letter",),
    "#": ("markdown",),
    "第": ("part", "division", "chapter", "section", "article"),
    "(": ("paren_cn", "paren_num", "paren"),
    "（": ("paren_cn", "paren_num", "paren"),
}
_BY_START: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    start: tuple((style, pattern) for style, pattern in LABEL_PATTERNS if style in styles)
    for start, styles in _STYLES_BY_START.items()
}


@lru_cache(maxsize=8192)
def read_label(text: str) -> Label | None:
    """The numbering at the start of `text` ("39. ", "- a) ", "[61. ", "●", …), if any
    (cached: the assembler and the classifier ask about the same lines)."""
    rest = text
    bullet = _BULLET.match(rest)
    if bullet:
        rest = rest[bullet.end():]
    reference = _REFERENCE.match(rest)
    if reference:
        # "[3] 作者. 题名. 出版者." : an entry of a reference list
        return Label("reference", reference.group(1), rest[reference.end():], bool(bullet))
    bracket = _BRACKET.match(rest)
    if bracket:
        rest = rest[bracket.end():]
    rest = rest.lstrip(_STRAY)
    for style, pattern in _BY_START.get(_start_class(rest[:1]), ()):
        match = pattern.match(rest)
        if match:
            label = match.group(1)
            if style in _LAW_STYLES:
                label = article_label(label) or label
            return Label(style, label, rest[match.end():], bool(bullet))
    if bullet:
        return Label("bullet", None, rest, True)
    return None


_ROMAN = {"I": 1, "V": 5, "X": 10}


def label_number(label: str | None) -> int | None:
    """The ordinal a label stands for (3 for "3", "三", "III", "c"), None if unknown."""
    if not label:
        return None
    if label.isdigit():
        return int(label)
    if all(c in _ROMAN for c in label):
        return _roman(label)
    if len(label) == 1 and label.isascii() and label.isalpha():
        return ord(label.lower()) - ord("a") + 1
    return _chinese(label)


def _roman(label: str) -> int:
    values = [_ROMAN[c] for c in label]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _chinese(label: str) -> int | None:
    if label.startswith("十"):
        label = "一" + label
    if "十" in label:
        tens, _, ones = label.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(label)
