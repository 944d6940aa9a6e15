"""From raw lines to blocks: re-join hard wraps and page breaks, set footnotes apart.

A block is one future paragraph: the source lines it is made of and what kind of
line started it ("body", "footnote", "url" or "boilerplate").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from igtui.corpus.model import StyleSpan
from igtui.corpus.parsing.boilerplate import is_boilerplate
from igtui.corpus.parsing.linestats import LineStats
from igtui.corpus.parsing.pages import PagedLine
from igtui.corpus.parsing.shapes import (
    CAPTION_NUMBER,
    CJK,
    CJK_CHAR,
    CREDIT,
    ends_in_leader,
    ends_sentence,
    inner_sentence_marks,
    is_wide,
    read_label,
    squeeze,
    width,
)
from igtui.corpus.parsing.source import SourceBlock
from igtui.corpus.parsing.tables import row_text, table_lines

_SUPERSCRIPT = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "1234567890")
_SUPER_NOTE = re.compile(f"([{_SUPERSCRIPT}]+)\\s*")
_CARET_NOTE = re.compile(r"\^([a-z0-9]{1,2})\s")
# "1 https://…", "2 WGIG 报告…", "4成果文件…": a small number, then text (never "2015 年").
_NUMBER_NOTE = re.compile(f"(\\d{{1,2}})(?:\\s+(?![年月日号%])|(?=[{CJK}]))")
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+")
# A note number alone on its line at the foot of a page, its text on the next line.
_BARE_NOTE = re.compile(r"(\d{1,2})")
# the number a note line starts with ("9 https://…", "¹⁰ OWASP…")
_NOTE_START = re.compile(f"([{_SUPERSCRIPT}]+|\\d{{1,3}})(?!\\d)")
_SHORT_LINE = 60
# A line this close to the measure is full: a sentence may end there mid-paragraph.
_FULL_LINE = 0.92


@dataclass(slots=True)
class Block:
    source: str  # "body", "footnote", "url" or "boilerplate"
    start: int  # 0-based index of its first line
    lines: list[str] = field(default_factory=list)
    label: str | None = None
    # what separated it from the text line before: "none", "blank" or "space"
    gap: str = "none"
    # the page its first line is on, where the source has pages
    page: int | None = None
    # from a structured format: its role and heading level, its exact text and inline styles
    role: str | None = None
    level: int = 0
    fixed: str | None = None
    styles: tuple[StyleSpan, ...] = ()
    # what the format said of its first line ("heading": set in a larger size)
    line_role: str | None = None
    # the text spaces Chinese from Latin letters and digits ("截至 2021 年"), and its line
    # ends were trimmed: a line break between the two scripts stood for a space
    mixed_space: bool = False

    @property
    def last(self) -> str:
        return self.lines[-1].strip()

    # the joined text and how many lines it was joined from (a block is read several times)
    joined: tuple[int, str] = (0, "")

    def text(self) -> str:
        if self.fixed is not None:
            return self.fixed
        if self.joined[0] != len(self.lines):
            self.joined = (len(self.lines), join_lines(self.lines, mixed_space=self.mixed_space))
        return self.joined[1]


def join_lines(lines: list[str], *, mixed_space: bool = False) -> str:
    """Re-join wrapped lines: nothing between two CJK characters, one space between words;
    between Chinese and a Latin word or number, the space the source had (or, with
    `mixed_space`, the one the text's habit says a trimmed line end lost)."""
    out = _tidy(lines[0])
    for prev_raw, raw in pairwise(lines):
        nxt = _tidy(raw)
        if not nxt:
            continue
        if not out:
            out = nxt
            continue
        spaced = prev_raw[-1:].isspace() or raw[:1].isspace()
        out += _separator(out[-1], nxt[0], spaced, mixed_space) + nxt
    return out


def _separator(left: str, right: str, spaced: bool, mixed_space: bool = False) -> str:
    if is_wide(left) and is_wide(right):
        return ""
    if is_wide(left) or is_wide(right):
        # Mixed script: the PDF kept a space only where the text had one.
        if spaced:
            return " "
        ideograph, other = (left, right) if is_wide(left) else (right, left)
        return " " if mixed_space and CJK_CHAR.match(ideograph) and other.isalnum() else ""
    if left == "-" and right.isalpha():
        return ""
    return " "


# a CJK character, a single space, a CJK character: letter-spacing where it is the line's habit
_SPACED_PAIR = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")
_CJK_PAIR = re.compile(f"[{CJK}](?= ?[{CJK}])")
_MIN_SPACED_PAIRS = 3
_SPACED_RUN = re.compile(f"[{CJK}](?: [{CJK}]){{{_MIN_SPACED_PAIRS}}}")


# Full-width punctuation carries its own spacing: a space beside it, on the Chinese side, is a
# justified line's padding ("作用。 “防疫健康码”", "作用 。"), never the writer's.
_CLOSERS_CJK = "。，、；：！？）》」』】〉"
_SPACE_AFTER_CLOSER = re.compile(f"(?<=[{_CLOSERS_CJK}]) +(?=[{CJK}（《「『【〈“])")
_SPACE_BEFORE_CLOSER = re.compile(f"(?<=[{CJK}]) +(?=[{_CLOSERS_CJK}])")


def _tidy(line: str) -> str:
    line = unspace_letters(squeeze(line))
    if " " not in line or line.isascii():
        return line
    return _SPACE_BEFORE_CLOSER.sub("", _SPACE_AFTER_CLOSER.sub("", line))


def unspace_letters(line: str) -> str:
    """"网 民 对 当 地 网络 基 础 设 施": a line justified by spacing its characters out,
    spaces removed; a line whose Chinese is mostly unspaced keeps what spaces it has."""
    if line.isascii() or line.count(" ") < _MIN_SPACED_PAIRS or not _SPACED_RUN.search(line):
        return line
    spaced = len(_SPACED_PAIR.findall(line))
    if spaced < _MIN_SPACED_PAIRS or spaced * 2 < len(_CJK_PAIR.findall(line)):
        return line
    return _SPACED_PAIR.sub("", line)


def heading_shaped(text: str) -> bool:
    """Short, unpunctuated, on its own: how a title or heading looks before numbering."""
    if width(text) > _SHORT_LINE or not any(c.isalnum() for c in text):
        return False
    if ends_sentence(text) and not text.endswith(("?", "？")):
        return False
    return not inner_sentence_marks(text.rstrip("?？"))


def caption_line(text: str) -> bool:
    """"图 1 2017-2021 年我国数据产量", "Figure 3: Internet users": a figure's or table's
    number, then a title (short, no sentence): a line that stands for the figure."""
    number = CAPTION_NUMBER.match(text)
    return number is not None and heading_shaped(text[number.end():])


def credit_line(text: str) -> bool:
    """"来源：工业和信息化部", "Source: ITU": where a figure's data comes from."""
    return CREDIT.match(text) is not None


class _Assembler:
    """One pass over the lines; `pending` holds a paragraph cut by a page break."""

    def __init__(self, lines: list[PagedLine]) -> None:
        self.lines = lines
        self.stats = LineStats.of(lines)
        self.threshold = self.stats.threshold
        self.tables = table_lines(lines, self.stats)
        self.blocks: list[Block] = []
        self.open: Block | None = None
        self.pending: Block | None = None
        self.cut: Block | None = None
        # the flattened table being read, if any (its lines make one block)
        self.table: Block | None = None
        self.gap = "none"
        self.notes_seen = 0
        self.page_break = False
        # width of the printed row the last line belongs to (halves of a split row add up)
        self.row = 0

    def run(self) -> list[Block]:
        for index, line in enumerate(self.lines):
            raw = line.text
            if line.page_start:
                self._break_page()
            if line.furniture and raw.strip():
                # Page furniture sits between the halves of a paragraph: it never cuts one.
                self.blocks.append(Block("boilerplate", index, [raw], page=line.page))
            elif not raw:
                self.gap = "blank" if self.gap == "none" else self.gap
            elif raw.isspace():
                self.gap = "space"
                # A break, unless footnotes follow: then it was the foot of a page.
                self.cut = self.open if self._unfinished(self.open) else self.cut
                self.open = None
            else:
                self._text_line(index, raw)
                self.gap = "none"
                self.page_break = False
        return self.blocks

    def _break_page(self) -> None:
        """A new page: the open paragraph may go on after the page's furniture and notes."""
        if self.open is not None and self.open.source == "body":
            self.pending = self.open
        elif self.open is None and self.cut is not None:
            self.pending = self.cut
        self.open, self.cut = None, None
        self.page_break = True

    def _text_line(self, index: int, raw: str) -> None:
        line = raw.strip()
        role = self.lines[index].role
        if index in self.tables:
            self._table_row(index, raw)
            return
        self.table = None
        if role == "footnote":
            self._footnote_line(index, raw, line)
        elif role == "heading":
            self.pending = None
            if (
                self.open is not None and self.open.line_role == "heading"
                and self.gap == "none" and read_label(line) is None
            ):
                self.open.lines.append(raw)  # a heading wrapped over two lines
            else:
                self._new("body", index, raw)
                self.open.line_role = "heading"  # type: ignore[union-attr]
        elif is_boilerplate(line):
            self._interrupt()
            self._new("boilerplate", index, raw)
            self.open = None
        elif (note := self._note_label(index, line)) is not None:
            self._interrupt()
            self._new("footnote", index, raw, label=note or None)
        elif _URL_LINE.fullmatch(line):
            self._url(index, raw)
        else:
            self._body(index, raw, line)

    def _table_row(self, index: int, raw: str) -> None:
        """A printed line of a flattened table. Its cells, wrapped over lines and centred
        across rows, cannot be put back into rows from the text alone; so the table stays
        one block, a line per printed line with its cells apart (" | "), across page
        breaks: one unit to read, never dozens of shreds ("力", "况") between paragraphs."""
        table = self.table
        if table is not None:
            table.lines.append(raw)
            table.fixed = f"{table.fixed}\n{row_text(raw)}"
            return
        self._interrupt()
        self.table = Block(
            "body", index, [raw], gap=self.gap, page=self.lines[index].page,
            role="table_row", fixed=row_text(raw),
        )
        self.blocks.append(self.table)
        self.open = None

    def _footnote_line(self, index: int, raw: str, line: str) -> None:
        """A line the format placed among the page's notes (small print at its foot)."""
        match = _NOTE_START.match(line)
        if match is None and self.open is not None and self.open.source == "footnote":
            self.open.lines.append(raw)
            return
        self._interrupt()
        label = match.group(1).translate(_SUPER_TO_DIGIT) if match else None
        self._new("footnote", index, raw, label=label)

    def _note_label(self, index: int, line: str) -> str | None:
        """The footnote's label ("" for none) if this line starts a footnote, else None."""
        if match := _SUPER_NOTE.match(line):
            return match.group(1).translate(_SUPER_TO_DIGIT)
        if match := _CARET_NOTE.match(line):
            return match.group(1)
        bare = _BARE_NOTE.fullmatch(line)
        match = _NUMBER_NOTE.match(line) or bare
        if match is None or int(match.group(1)) != self.notes_seen + 1:
            return None
        # A number alone on a line among a page's last lines, its note below it, needs no gap
        # above it: pdftotext often prints the note right under the page's last text line.
        at_page_foot = self.gap == "space" or (
            self.open is not None and self.open.source in ("footnote", "url")
        ) or self.stats.in_page_foot(index, self.gap != "none") or (
            bare is not None and self.stats.in_page_foot(index, True)
            and self.stats.lines_below(index) > 0
        )
        # Footnotes count up through the document: only the next number can start one.
        if at_page_foot:
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
        row, self.row = self.row, width(line)
        if current is not None and current.source in ("body", "footnote") and self._continues(
            current, index, raw, line, row
        ):
            current.lines.append(raw)
        elif current is not None and current.source == "body":
            self.pending = None
            self._new("body", index, raw)
        elif self.pending is not None and self._resumes(index, raw, line):
            # The page's footnotes are behind us: the cut paragraph goes on.
            self.pending.lines.append(raw)
            self.open, self.pending = self.pending, None
        else:
            self.pending = None
            self._new("body", index, raw)

    def _starts(self, block: Block, line: str) -> bool:
        """Whether `line` begins something new after `block`. A heading-shaped line does only
        after a finished line: mid-sentence, a short unpunctuated line is the sentence's end,
        and a line filling the measure is wrapped prose."""
        if continues_reference(block.last, line):
            return False
        if hard_start(line):
            return True
        if not heading_shaped(line) or self._full_text(line):
            return False
        if not self.stats.wrapped:
            return True
        return ends_sentence(block.last) or width(block.last) < self.threshold

    def _wrapped_heading(self, block: Block, index: int, raw: str, line: str) -> bool:
        """A numbered heading too long for its line ("七、…治理能力现" / "代化"): it runs to
        the right margin and its short, unpunctuated rest follows at once."""
        if self.gap != "none" or not self.stats.wrapped or block.source != "body":
            return False
        if not heading_shaped(line) or width(line) >= self.threshold:
            return False
        if self.stats.starts_paragraph(index, raw):
            return False
        reach = max(0, self.stats.relative[block.start]) + width(block.last)
        return reach >= self.stats.measure * _FULL_LINE

    def _full_text(self, line: str) -> bool:
        return self.stats.wrapped and width(line) >= self.stats.measure * _FULL_LINE

    def _resumes(self, index: int, raw: str, line: str) -> bool:
        pending = self.pending
        if pending is None or self._starts(pending, line):
            return False
        if self.stats.starts_paragraph(index, raw):
            return False
        if self.stats.indented:
            return True
        return self._unfinished(pending)

    def _continues(self, block: Block, index: int, raw: str, line: str, row: int) -> bool:
        if block.source == "footnote" and _BARE_NOTE.fullmatch(block.last):
            return True  # "1" on its own line, the note's text below it
        if block.line_role == "heading" or ends_in_leader(block.last):
            # a line set as a heading, or a contents entry ending in its page number: whole
            return False
        figure = self._figure_line(block)
        if figure is not None:
            # a caption, and the credit under it, are lines of their own, however a split row
            # would add up; a line that fills the measure is prose opening with "Table 2 …"
            if credit_line(line):
                return False
            if figure == "credit":
                return self._wrapped_heading(block, index, raw, line)
            if width(block.last) < self.threshold:
                return False
        if (
            self.gap == "none" and block.source == "body" and len(block.lines) > 1
            and self.stats.fragment(row, index, raw, unfinished=not ends_sentence(block.last))
        ):
            # a printed row split in pieces mid-paragraph: a piece may look like a heading
            # ("《互联网信息服务算法推荐管理规定》"), the row's width says otherwise
            self.row = row + width(line)
            return True
        if self.gap == "space" or self._starts(block, line):
            return False
        if len(block.lines) == 1 and read_label(block.last) and heading_shaped(block.last):
            return self._wrapped_heading(block, index, raw, line)
        if self.stats.fragment(row, index, raw, unfinished=not ends_sentence(block.last)):
            self.row = row + width(line)
            return True
        if self.gap == "blank" and self.stats.blank_separated:
            return False
        if self.stats.indented and block.source == "body":
            if self.stats.starts_paragraph(index, raw) or self.stats.deep(index, raw):
                return False
            # A hard-wrapped line that fills the measure goes on, whatever it ends with.
            return not (ends_sentence(block.last) and width(block.last) < self.threshold)
        if ends_sentence(block.last) and not self._full(block):
            return False
        return width(block.last) >= self.threshold

    def _figure_line(self, block: Block) -> Literal["caption", "credit"] | None:
        """"caption" for a figure's caption, "credit" for the credit line printed right
        under one, else None."""
        first = block.lines[0].strip()
        if block.source != "body" or block.role is not None:
            return None
        if caption_line(first):
            return "caption"
        return "credit" if credit_line(first) and self._after_caption(block) else None

    def _after_caption(self, block: Block) -> bool:
        """Whether the text block before `block` (page furniture aside) is a caption."""
        seen = False
        for other in reversed(self.blocks):
            if other is block:
                seen = True
            elif seen and other.source != "boilerplate":
                return other.source == "body" and other.role is None and (
                    caption_line(other.lines[0].strip())
                )
        return False

    def _full(self, block: Block) -> bool:
        """A body line filled to this text's measure: where it ends says nothing."""
        return (
            self.stats.wrapped
            and block.source == "body"
            and width(block.last) >= self.stats.measure * _FULL_LINE
        )

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
        block = Block(source, index, [raw], label, self.gap, page=self.lines[index].page)
        block.mixed_space = self.stats.mixed_space
        self.blocks.append(block)
        self.open = block


# what a number names in a law's cross-reference: "第 11（2）条", "第 42（5）段", "（a）点"
_REFERENCE_UNITS = "条條款项項段点點章节節"


def continues_reference(last: str, line: str) -> bool:
    """"…对于第 11" / "（2）条所规定的情形": a cross-reference ("第 11（2）条") cut where the
    line ran out, not an item numbered (2): the line before stops on a bare number mid-
    sentence and the "label" is followed by the unit it numbers."""
    if not last or not last[-1].isdigit() or ends_sentence(last):
        return False
    label = read_label(line)
    return label is not None and label.rest.lstrip()[:1] in _REFERENCE_UNITS


def starts_block(line: str) -> bool:
    """Lines that begin something new and so never continue the paragraph before them."""
    return hard_start(line) or heading_shaped(line)


def hard_start(line: str) -> bool:
    """A numbered line, a bare link or a footnote: new whatever came before."""
    return (
        read_label(line) is not None
        or bool(_URL_LINE.fullmatch(line))
        or bool(_SUPER_NOTE.match(line) or _CARET_NOTE.match(line))
    )


def assemble(lines: list[PagedLine]) -> list[Block]:
    """The lines (pages and furniture already found) as blocks, in reading order."""
    return _Assembler(lines).run()


_FORMAT_SOURCES = {"boilerplate": "boilerplate", "footnote": "footnote"}


def format_blocks(blocks: list[SourceBlock]) -> list[Block]:
    """A structured format's blocks as they are: its paragraphs are already found. Heading
    levels are made relative to the document's top one (a note whose headings start at ###)."""
    levels = [b.level for b in blocks if b.role == "heading" and b.level > 0]
    shift = min(levels) - 1 if levels else 0
    out: list[Block] = []
    for index, block in enumerate(blocks):
        source = _FORMAT_SOURCES.get(block.role, "body")
        level = max(1, block.level - shift) if block.role == "heading" else 0
        text = block.text.strip()
        lead = len(block.text) - len(block.text.lstrip())
        styles = tuple(
            (max(0, a - lead), min(len(text), b - lead), style)
            for a, b, style in block.styles
            if b - lead > 0 and a - lead < len(text)
        )
        out.append(
            Block(
                source, index, [block.text], gap="blank", page=block.page, role=block.role,
                level=level, fixed=text, styles=styles,
            )
        )
    return out
