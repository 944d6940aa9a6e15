"""A printed text's own habits, measured once: where paragraphs break is read from these.

- the measure: the width most lines are wrapped at (none when each line is a paragraph);
- the blank-line pattern: blank lines between paragraphs, or after every line (then they say
  nothing about paragraphs);
- first-line indentation: paragraphs that start indented by a few spaces (ASCII or
  ideographic) against the page's left margin, and lines indented much deeper (centred
  headings, or the second half of a printed line that pdftotext -layout split in two);
- each page's foot: where footnotes sit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from igtui.corpus.parsing.pages import PagedLine
from igtui.corpus.parsing.shapes import CJK, ends_sentence, width

_WRAP_FILL = 0.75
_MAX_WRAP_THRESHOLD = 70
_MIN_WRAP_THRESHOLD = 30
# A wrapped text: this share of its lines reach most of the measure, which is not too wide.
_FULL_SHARE = 0.5
_FULL_FILL = 0.8
_MAX_MEASURE = 160
# Too few lines to tell a measure from chance.
_MIN_WRAPPED_LINES = 8
# Blank lines mean "new paragraph" when they follow some lines but not (nearly) every line.
_BLANK_EVERY = 0.7
_BLANK_SOME = 0.05
# First-line indentation: a few cells in from the margin, on a minority of lines.
_MIN_INDENTED = 3
_MAX_INDENT_SHARE = 0.5
_MAX_PARA_INDENT = 8
_INDENT_AGREES = 0.6
_DEEP_EXTRA = 4
# indented lines a page needs before its own paragraph indent counts
_PAGE_EVIDENCE = 3
# A split printed line: its two halves add up to about the measure.
_SPLIT_MIN = 0.8
_SPLIT_MAX = 1.2
# Footnotes are the last few lines of a page.
_FOOT_LINES = 4


# a CJK character next to a Latin letter or digit, with a space between or without
_MIXED_SPACED = re.compile(f"[{CJK}] [A-Za-z0-9]|[A-Za-z0-9] [{CJK}]")
_MIXED_TIGHT = re.compile(f"[{CJK}][A-Za-z0-9]|[A-Za-z0-9][{CJK}]")
_MIXED_SAMPLE = 20
_MIXED_SHARE = 0.6
# lines enough to show the habit
_MIXED_LINES = 150


def _mixed_space_habit(lines: Sequence[PagedLine], text: list[int]) -> bool:
    """Whether the text spaces Chinese from Latin words and numbers ("截至 2021 年底") and
    its lines were trimmed (pdftotext): then a line break between the scripts lost a space.
    A source that keeps its line ends says where spaces were."""
    if any(lines[i].text[-1:].isspace() for i in text):
        return False
    # lines from all over the text (its front matter alone may say otherwise)
    step = max(1, len(text) // _MIXED_LINES)
    blob = "\n".join(lines[i].text for i in text[::step] if not lines[i].text.isascii())
    spaced = len(_MIXED_SPACED.findall(blob))
    total = spaced + len(_MIXED_TIGHT.findall(blob))
    return total >= _MIXED_SAMPLE and spaced >= total * _MIXED_SHARE


def indent_of(raw: str) -> int:
    """Leading blank cells (an ideographic space is two, a tab four)."""
    cells = 0
    for char in raw:
        if char == " " or char == "\xa0":
            cells += 1
        elif char == "\u3000":
            cells += 2
        elif char == "\t":
            cells += 4
        else:
            break
    return cells


@dataclass(slots=True)
class LineStats:
    threshold: int = _MAX_WRAP_THRESHOLD
    measure: int = 0
    wrapped: bool = False
    blank_separated: bool = False
    indented: bool = False
    # per line: its indentation against its page's margin (-1 for blank/furniture lines)
    relative: list[int] = field(default_factory=list)
    # per page: the usual paragraph indent on it
    para_indent: dict[int | None, int] = field(default_factory=dict)
    # per line: text lines after it on its page (None without pages)
    to_foot: list[int | None] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)
    # the text puts a space between Chinese and Latin/digits, and its line ends are trimmed
    mixed_space: bool = False

    @classmethod
    def of(cls, lines: Sequence[PagedLine]) -> LineStats:
        text = [i for i, line in enumerate(lines) if line.text.strip() and not line.furniture]
        widths = sorted(width(lines[i].text.strip()) for i in text)
        stats = cls(pages=[line.page for line in lines])
        if not widths:
            return stats
        p90 = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
        stats.threshold = max(_MIN_WRAP_THRESHOLD, min(_MAX_WRAP_THRESHOLD, int(p90 * _WRAP_FILL)))
        stats.measure = p90
        full = sum(1 for w in widths if w >= p90 * _FULL_FILL)
        stats.wrapped = (
            len(widths) >= _MIN_WRAPPED_LINES
            and p90 <= _MAX_MEASURE
            and full >= len(widths) * _FULL_SHARE
        )
        stats.mixed_space = _mixed_space_habit(lines, text)
        stats._blank_pattern(lines, text)
        stats._indentation(lines, text)
        stats._feet(lines, text)
        return stats

    def _blank_pattern(self, lines: Sequence[PagedLine], text: list[int]) -> None:
        # blank lines at the foot of a page say nothing: only gaps inside a page count
        followed = sum(
            1 for k, i in enumerate(text[:-1])
            if text[k + 1] > i + 1 and lines[text[k + 1]].page == lines[i].page
        )
        share = followed / len(text)
        self.blank_separated = self.wrapped and _BLANK_SOME <= share < _BLANK_EVERY

    def _indentation(self, lines: Sequence[PagedLine], text: list[int]) -> None:
        margins: dict[int | None, int] = {}
        for i in text:
            page = lines[i].page
            margins[page] = min(margins.get(page, 1 << 30), indent_of(lines[i].text))
        self.relative = [-1] * len(lines)
        per_page: dict[int | None, Counter[int]] = {}
        for i in text:
            rel = indent_of(lines[i].text) - margins[lines[i].page]
            self.relative[i] = rel
            if 0 < rel <= _MAX_PARA_INDENT:
                per_page.setdefault(lines[i].page, Counter())[rel] += 1
        # a page's own paragraph indent where the page shows it a few times; else the text's
        # (one deep line on a page is no evidence that its paragraphs start there)
        overall: Counter[int] = Counter()
        for counts in per_page.values():
            overall.update(counts)
        usual = overall.most_common(1)[0][0] if overall else 2
        self.para_indent = {
            page: c.most_common(1)[0][0] if c.total() >= _PAGE_EVIDENCE else usual
            for page, c in per_page.items()
        }
        # Indentation means "new paragraph" when most lines after an ended paragraph (a short
        # line closing a sentence) are indented, and most indented lines follow one.
        after_end = [
            text[k + 1] for k, i in enumerate(text[:-1])
            if self._ended(lines[i].text) and lines[text[k + 1]].page == lines[i].page
        ]
        starts = sum(1 for i in after_end if 0 < self.relative[i] <= _MAX_PARA_INDENT)
        indented = sum(1 for i in text if 0 < self.relative[i] <= _MAX_PARA_INDENT)
        self.indented = (
            self.wrapped
            and starts >= _MIN_INDENTED
            and starts >= len(after_end) * _INDENT_AGREES
            and indented <= len(text) * _MAX_INDENT_SHARE
        )

    def _ended(self, raw: str) -> bool:
        line = raw.strip()
        return ends_sentence(line) and width(line) < self.threshold

    def _feet(self, lines: Sequence[PagedLine], text: list[int]) -> None:
        self.to_foot = [None] * len(lines)
        if all(line.page is None for line in lines):
            return
        after: dict[int | None, int] = Counter()
        for i in reversed(text):
            page = lines[i].page
            self.to_foot[i] = after[page]
            after[page] += 1

    # -- questions the assembler asks ----------------------------------------------------

    def _para(self, index: int) -> int:
        return self.para_indent.get(self.pages[index] if self.pages else None, 2)

    def starts_paragraph(self, index: int, raw: str) -> bool:
        """Indented as this text's paragraphs start (only where the text indents them)."""
        if not self.indented or not self.relative:
            return False
        rel = self.relative[index]
        return 0 < rel <= self._para(index) + 1

    def deep(self, index: int, raw: str) -> bool:
        """Indented far past a paragraph start: centred, or half of a split line."""
        return bool(self.relative) and self.relative[index] >= self._para(index) + _DEEP_EXTRA

    def fragment(self, row: int, index: int, raw: str, *, unfinished: bool) -> bool:
        """The second half of a printed row that text extraction split in two ("…万亿元。" /
        "           公共数据开放取得积极进展，"): deep, prose-shaped or mid-sentence, and
        the row's parts together about as wide as a full line."""
        if not self.indented or not self.deep(index, raw) or not self.measure:
            return False
        line = raw.strip()
        prose = any(mark in line for mark in "，、；,;") or ends_sentence(line)
        if not (prose or unfinished):
            return False
        total = row + width(line)
        return _SPLIT_MIN * self.measure <= total <= _SPLIT_MAX * self.measure

    def in_page_foot(self, index: int, gapped: bool) -> bool:
        """Among the last few lines of its page, after a gap (where notes are printed)."""
        if not self.to_foot or index >= len(self.to_foot):
            return False
        left = self.to_foot[index]
        return gapped and left is not None and left < _FOOT_LINES

    def lines_below(self, index: int) -> int:
        """Text lines after this one on its page (0 without pages)."""
        left = self.to_foot[index] if index < len(self.to_foot) else None
        return left or 0
