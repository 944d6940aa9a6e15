"""What each block is: heading, list item, paragraph…, and its label; bilingual lines split."""

from __future__ import annotations

import re

from igtui.corpus.parsing.blocks import Block, heading_shaped
from igtui.corpus.parsing.emphasis import strip_strong
from igtui.corpus.parsing.headings import Item, is_part_name
from igtui.corpus.parsing.shapes import (
    CAPTION_NUMBER,
    Label,
    cjk_count,
    ends_sentence,
    inner_sentence_marks,
    lang_of,
    latin_words,
    read_label,
    width,
)

_LIST_STYLES = ("bullet", "letter", "paren", "arabic_comma", "reference")
# numbered shapes that head a section when short and unpunctuated, else are list items
_MAYBE_HEADINGS = ("paren_cn", "paren_num")
# the divisions of a law or a long report: 第一编/篇/部分, 第一章, 第一节
_DIVISIONS = ("part", "division", "chapter", "section")
# "来源：CNNIC", "作者：京报网": a field and its value
_FIELD = re.compile(r"([^\s:：]{1,6})\s*[：:]\s*\S")
_SHORT_HEADING = 60
_LONG_HEADING = 160
_DATE_LINE = re.compile(
    r"\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?|"
    r"(\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(\d{1,2},?\s+)?\d{4}|\d{4}-\d{2}-\d{2}",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"[(（](签名|签字|signed)[)）]$", re.IGNORECASE)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_MIN_SPLIT_CJK = 4
_MIN_SPLIT_WORDS = 4


def classify(block: Block) -> Item:
    """The block as an Item: its kind, its label and, for a heading, its numbering style."""
    if block.role is None:
        text, styles = strip_strong(block.text())
        item = _classify(block, text)
    else:
        text, styles = block.text(), block.styles
        item = _format_item(block, text)
    item.page, item.styles, item.gap = block.page, styles, block.gap
    return item


def _format_item(block: Block, text: str) -> Item:
    """A structured format's block: its role says what it is; the text still says its label."""
    role = block.role
    label = read_label(text)
    if block.source != "body":
        return _classify(block, text)
    if role == "heading":
        return Item("heading", text, label.label if label else None, "format", level=block.level)
    if role == "list_item":
        return Item("list_item", text, label.label if label else None)
    if role in ("table_row", "caption", "code"):
        return Item("paragraph", text)
    if role == "quote" and label is None:
        return Item("paragraph", text)
    item = _classify(block, text)
    if role == "paragraph" and item.kind == "heading":
        item.kind, item.style = "paragraph", None
    return item


def _classify(block: Block, text: str) -> Item:
    if block.source == "boilerplate":
        return Item("boilerplate", text)
    if block.source in ("footnote", "url"):
        return Item("footnote", text, block.label)
    label = read_label(text)
    if block.line_role == "heading" and width(text) <= _LONG_HEADING:
        # set as a heading (a larger size on a PDF page): trust that over the text's shape
        style = label.style if label is not None and label.style != "bullet" else "plain"
        return Item("heading", text, label.label if label else None, style=style)
    if label is not None:
        return _labelled(text, label)
    if len(block.lines) == 1 and plain_heading(text):
        return Item("heading", text, style="plain")
    return Item("paragraph", text)


def plain_heading(text: str) -> bool:
    """An unnumbered line that reads as a heading: short, unpunctuated, not a caption, a
    "key: value" line (来源：…, 作者：…) or a signature."""
    if not heading_shaped(text) or signature_line(text) or CAPTION_NUMBER.match(text):
        return False
    if not any(char.isalpha() for char in text):
        return False  # "(22)", "2021", "*": no words, no heading
    field_line = _FIELD.match(text)
    return field_line is None or is_part_name(field_line.group(1))


def _labelled(text: str, label: Label) -> Item:
    if label.style in _LIST_STYLES or label.bulleted:
        return Item("list_item", text, label.label)
    if label.style == "markdown" or _numbered_heading(text, label):
        return Item("heading", text, label.label, style=label.style)
    if label.style in _MAYBE_HEADINGS:
        # （一）… in a law or a list of points: an item, not a heading
        return Item("list_item", text, label.label)
    return Item("paragraph", text, label.label)


def _numbered_heading(text: str, label: Label) -> bool:
    rest = label.rest.strip()
    if label.style in _DIVISIONS and not rest:
        return True  # "第一篇" / "第三章" on a line of its own
    if not rest or text.startswith("["):
        return False
    if label.style in ("cn", "roman", "alpha", *_DIVISIONS):
        # "I. The Internet is more accessible, helping bridge the digital divide.": one
        # sentence, however long, is still a heading.
        return (
            width(text) <= _LONG_HEADING
            and not inner_sentence_marks(rest.replace("，", "").replace(",", ""))
            and not rest.endswith((":", "：", "；", ";"))
        )
    if label.style == "article":
        # "第 14 条 未获得…的情形下，应当提供的信息": an article's title may hold a comma,
        # and run long (wrapped over two lines: "第 89 条 为了实现…安全保障与" / "克减");
        # an article's text ends its sentence
        return width(text) <= _LONG_HEADING and not ends_sentence(rest) and not (
            inner_sentence_marks(rest.replace("，", "").replace(",", ""))
        )
    if label.style == "paren_cn":
        # "（一）加强数字技术自主创新，实现高水平自立自强" on its own line: a subsection's
        # two-part title; an item ends its clause (；。) or runs on as prose
        rest = rest.replace("，", "").replace(",", "")
    return width(text) <= _SHORT_HEADING and not ends_sentence(rest) and not (
        inner_sentence_marks(rest)
    )


def signature_line(text: str) -> bool:
    return signed(text) or bool(_DATE_LINE.fullmatch(text))


def signed(text: str) -> bool:
    """"达柳斯·采库奥利斯(签名)": a name signed under a letter."""
    return bool(_SIGNED.search(text))


def split_translations(items: list[Item]) -> list[Item]:
    """Chinese text followed on the same line by its English version: two paragraphs."""
    out: list[Item] = []
    for item in items:
        halves = _bilingual_halves(item.text) if item.kind in ("paragraph", "heading") else None
        if halves is None:
            out.append(item)
            continue
        zh, en = halves
        first = _reclassify(item, zh)
        second = _reclassify(Item(item.kind, en), en)
        first.page = second.page = item.page  # (inline styles do not survive the split)
        second.translation = first.kind == "heading" and second.kind == "heading"
        out.extend((first, second))
    return out


def _reclassify(item: Item, text: str) -> Item:
    label = read_label(text)
    if label is not None:
        labelled = _labelled(text, label)
        if item.kind == "paragraph" and labelled.kind == "heading":
            labelled.kind, labelled.style = "paragraph", None
        return labelled
    if heading_shaped(text) and item.kind == "heading":
        return Item("heading", text, style="plain")
    return Item("paragraph", text)


def _bilingual_halves(text: str) -> tuple[str, str] | None:
    """(Chinese, English) when the text is Chinese followed by its English version."""
    last = _HAN.search(text[::-1])  # from the end: Chinese text ends within a few marks
    if last is None:
        return None
    cut = len(text) - last.start()
    # Closing punctuation ("。", ":", "”") stays with the Chinese half.
    while cut < len(text) and not (text[cut].isspace() or text[cut].isalnum()) and (
        text[cut] not in "(（“\"'‘"
    ):
        cut += 1
    head, tail = text[:cut].strip(), text[cut:].strip()
    if not tail or not (tail[0].isascii() and (tail[0].isupper() or tail[0] in "\"(")):
        return None
    if latin_words(tail) < _MIN_SPLIT_WORDS or cjk_count(head) < _MIN_SPLIT_CJK:
        return None
    return (head, tail) if lang_of(head) == "zh" else None
