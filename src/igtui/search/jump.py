"""Recognise "go to paragraph" queries and find their paragraphs.

`#45` and `第45段` (also full-width digits, `第 45 段`) name a paragraph label; `@12` is the 12th
paragraph in file order (the position `igtui.reading.locator` prints for a paragraph without a
label of its own); `第37条` and `第三十七条` name a law's article, found by its label or by the
"第三十七条 …" its text opens with. `jump_targets` answers such a query across a corpus: the
reader's document first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from igtui.corpus.model import Corpus, Document, Paragraph

_JUMP = re.compile(r"#\s*(\S+)|第\s*(\S+?)\s*段|(@\s*\d+)")
_NUMERALS = "〇零一二三四五六七八九十百千两"
_ARTICLE_QUERY = re.compile(rf"第\s*([0-9{_NUMERALS}]+)\s*条")
# an article's text opens with its number: "第三十七条　…", "第 1 条 主要事项" (Markdown may
# wrap it in ** or start it with #)
_ARTICLE_TEXT = re.compile(rf"[#*\s]*第\s*([0-9{_NUMERALS}]+)\s*条(?:\s|$|[*：:])")
_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_jump(query: str) -> str | None:
    """The paragraph label a jump query names (`第37条` for an article, however written), or
    None if `query` is a plain search."""
    text = unicodedata.normalize("NFKC", query).strip()
    article = _ARTICLE_QUERY.fullmatch(text)
    if article is not None:
        number = chinese_number(article.group(1))
        return f"第{number}条" if number is not None else None
    match = _JUMP.fullmatch(text)
    if match is None:
        return None
    position = match.group(3)
    return position.replace(" ", "") if position else match.group(1) or match.group(2)


def chinese_number(numeral: str) -> int | None:
    """37 for "三十七" or "37"; None if `numeral` is not a number (一百零五 → 105, 十二 → 12)."""
    if numeral.isdigit():
        return int(numeral)
    total, digit = 0, None
    for ch in numeral:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row ("三七"): not how articles are numbered
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _article_of(paragraph: Paragraph) -> int | None:
    match = _ARTICLE_TEXT.match(unicodedata.normalize("NFKC", paragraph.text[:24]))
    return chinese_number(match.group(1)) if match else None


# which kinds a "#45" means first: numbered body text, then headings, then footnotes
_KIND_RANK = {"paragraph": 0, "list_item": 0, "heading": 1, "footnote": 2}


def resolve_jump(doc: Document, label: str, current_n: int | None = None) -> int | None:
    """`n` of the paragraph labelled `label` in `doc`, or None if there is none.

    Labels may restart in each section (1. 2. 3. under every heading): then the paragraph in the
    reader's current section wins, else the one nearest to the current paragraph. Body text wins
    over a heading or a footnote with the same label: "#1" means ¶1, not footnote ¹. An article
    (`第37条`) is the paragraph so labelled, else the one whose text opens with that article;
    `@12` is the 12th paragraph.
    """
    if label.startswith("@") and label[1:].isdigit():
        n = int(label[1:])
        return n if 1 <= n <= len(doc.paragraphs) else None
    matches = [p for p in doc.paragraphs if p.label == label]
    if not matches and (article := _ARTICLE_QUERY.fullmatch(label)) is not None:
        number = chinese_number(article.group(1))
        matches = [p for p in doc.paragraphs if p.readable and _article_of(p) == number]
    if not matches:
        return None
    best_kind = min(_KIND_RANK.get(p.kind, 1) for p in matches)
    matches = [p for p in matches if _KIND_RANK.get(p.kind, 1) == best_kind]
    if current_n is None or not 1 <= current_n <= len(doc.paragraphs):
        return matches[0].n
    here = doc.paragraph(current_n).section

    def closeness(p: Paragraph) -> tuple[int, int]:
        shared = 0
        for mine, theirs in zip(here, p.section, strict=False):
            if mine != theirs:
                break
            shared += 1
        return (-shared, abs(p.n - current_n))

    return min(matches, key=closeness).n


def jump_targets(
    corpus: Corpus,
    label: str,
    here: tuple[str, int] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[Document, int]]:
    """(document, n) of the paragraph `label` names in each document that has one: the
    reader's document (`here` = (doc id, n)) first, then the others in corpus order. Stops
    early once `cancelled()` (a newer query replaced this one). A position (`@12`) is the
    reader's document's only: every document has a 12th paragraph."""
    first = None
    if here is not None and here[0]:
        first = corpus.document(here[0])
        n = resolve_jump(first, label, here[1])
        if n is not None:
            yield first, n
        if label.startswith("@"):
            return
    for doc in corpus.documents:
        if cancelled():
            return
        if doc is not first:
            n = resolve_jump(doc, label)
            if n is not None:
                yield doc, n
