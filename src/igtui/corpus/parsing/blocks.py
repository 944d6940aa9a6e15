"""From raw lines to blocks: re-join hard wraps and page breaks, set footnotes apart.

A block is one future paragraph: the source lines it is made of and what kind of
line started it ("body", "footnote", "url" or "boilerplate").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from igtui.corpus.parsing.boilerplate import is_boilerplate
from igtui.corpus.parsing.shapes import (
    CJK,
    ends_sentence,
    inner_sentence_marks,
    is_wide,
    read_label,
    squeeze,
    width,
)

_SUPERSCRIPT = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "1234567890")
_SUPER_NOTE = re.compile(f"([{_SUPERSCRIPT}]+)\\s*")
_CARET_NOTE = re.compile(r"\^([a-z0-9]{1,2})\s")
# "1 https://…", "2 WGIG 报告…", "4成果文件…": a small number, then text (never "2015 年").
_NUMBER_NOTE = re.compile(f"(\\d{{1,2}})(?:\\s+(?![年月日号%])|(?=[{CJK}]))")
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+")
# Hard-wrapped lines fill most of the wrap width; shorter lines end on purpose.
_WRAP_FILL = 0.75
_MAX_WRAP_THRESHOLD = 70
_MIN_WRAP_THRESHOLD = 30
_SHORT_LINE = 60


@dataclass(slots=True)
class Block:
    source: str  # "body", "footnote", "url" or "boilerplate"
    start: int  # 0-based index of its first line
    lines: list[str] = field(default_factory=list)
    label: str | None = None
    # what separated it from the text line before: "none", "blank" or "space"
    gap: str = "none"

    @property
    def last(self) -> str:
        return self.lines[-1].strip()

    def text(self) -> str:
        return join_lines(self.lines)


def join_lines(lines: list[str]) -> str:
    """Re-join wrapped lines: nothing between two CJK characters, one space between words."""
    out = squeeze(lines[0])
    for prev_raw, raw in pairwise(lines):
        nxt = squeeze(raw)
        if not nxt:
            continue
        if not out:
            out = nxt
            continue
        out += _separator(out[-1], nxt[0], prev_raw[-1:].isspace() or raw[:1].isspace()) + nxt
    return out


def _separator(left: str, right: str, spaced: bool) -> str:
    if is_wide(left) and is_wide(right):
        return ""
    if is_wide(left) or is_wide(right):
        # Mixed script: the PDF kept a space only where the text had one.
        return " " if spaced else ""
    if left == "-" and right.isalpha():
        return ""
    return " "


def heading_shaped(text: str) -> bool:
    """Short, unpunctuated, on its own: how a title or heading looks before numbering."""
    if width(text) > _SHORT_LINE or not any(c.isalnum() for c in text):
        return False
    if ends_sentence(text) and not text.endswith(("?", "？")):
        return False
    return not inner_sentence_marks(text.rstrip("?？"))


def wrap_threshold(lines: list[str]) -> int:
    """Width from which a line counts as filled to the wrap margin."""
    widths = sorted(width(line.strip()) for line in lines if line.strip())
    if not widths:
        return _MAX_WRAP_THRESHOLD
    p90 = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
    return max(_MIN_WRAP_THRESHOLD, min(_MAX_WRAP_THRESHOLD, int(p90 * _WRAP_FILL)))


class _Assembler:
    """One pass over the lines; `pending` holds a paragraph cut by a page break."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.threshold = wrap_threshold(lines)
        self.blocks: list[Block] = []
        self.open: Block | None = None
        self.pending: Block | None = None
        self.cut: Block | None = None
        self.gap = "none"
        self.notes_seen = 0

    def run(self) -> list[Block]:
        for index, raw in enumerate(self.lines):
            if not raw:
                self.gap = "blank" if self.gap == "none" else self.gap
            elif raw.isspace():
                self.gap = "space"
                # A break, unless footnotes follow: then it was the foot of a page.
                self.cut = self.open if self._unfinished(self.open) else self.cut
                self.open = None
            else:
                self._text_line(index, raw)
                self.gap = "none"
        return self.blocks

    def _text_line(self, index: int, raw: str) -> None:
        line = raw.strip()
        if is_boilerplate(line):
            self._interrupt()
            self._new("boilerplate", index, raw)
            self.open = None
        elif (note := self._note_label(line)) is not None:
            self._interrupt()
            self._new("footnote", index, raw, label=note or None)
        elif _URL_LINE.fullmatch(line):
            self._url(index, raw)
        else:
            self._body(index, raw, line)

    def _note_label(self, line: str) -> str | None:
        """The footnote's label ("" for none) if this line starts a footnote, else None."""
        if match := _SUPER_NOTE.match(line):
            return match.group(1).translate(_SUPER_TO_DIGIT)
        if match := _CARET_NOTE.match(line):
            return match.group(1)
        match = _NUMBER_NOTE.match(line)
        at_page_foot = self.gap == "space" or (
            self.open is not None and self.open.source in ("footnote", "url")
        )
        # Footnotes count up through the document: only the next number can start one.
        if match and at_page_foot and int(match.group(1)) == self.notes_seen + 1:
            self.notes_seen += 1
            return match.group(1)
        return None

    def _url(self, index: int, raw: str) -> None:
        if self.open is not None and self.open.source == "url" and self.gap != "space":
            self.open.lines.append(raw)
            return
        self._interrupt()
        self._new("url", index, raw)

    def _body(self, index: int, raw: str, line: str) -> None:
        self.cut = None
        current = self.open
        if current is not None and current.source in ("body", "footnote") and self._continues(
            current, line
        ):
            current.lines.append(raw)
        elif current is not None and current.source == "body":
            self.pending = None
            self._new("body", index, raw)
        elif self.pending is not None and not starts_block(line):
            # The page's footnotes are behind us: the cut paragraph goes on.
            self.pending.lines.append(raw)
            self.open, self.pending = self.pending, None
        else:
            self.pending = None
            self._new("body", index, raw)

    def _continues(self, block: Block, line: str) -> bool:
        if self.gap == "space" or starts_block(line) or ends_sentence(block.last):
            return False
        if len(block.lines) == 1 and read_label(block.last) and heading_shaped(block.last):
            return False
        return width(block.last) >= self.threshold

    def _interrupt(self) -> None:
        """A footnote or link list cuts in: an unfinished paragraph may go on after it."""
        if self._unfinished(self.open):
            self.pending = self.open
        elif self.open is None and self.cut is not None:
            self.pending = self.cut
        self.cut = None

    def _unfinished(self, block: Block | None) -> bool:
        return (
            block is not None
            and block.source == "body"
            and not ends_sentence(block.last)
            and width(block.last) >= self.threshold
        )

    def _new(self, source: str, index: int, raw: str, label: str | None = None) -> None:
        block = Block(source, index, [raw], label, self.gap)
        self.blocks.append(block)
        self.open = block


def starts_block(line: str) -> bool:
    """Lines that begin something new and so never continue the paragraph before them."""
    return (
        read_label(line) is not None
        or heading_shaped(line)
        or bool(_URL_LINE.fullmatch(line))
        or bool(_SUPER_NOTE.match(line) or _CARET_NOTE.match(line))
    )


def assemble(text: str) -> list[Block]:
    return _Assembler(text.split("\n")).run()
