"""The paragraph pane's rows: a document's readable paragraphs wrapped to a width, each
row knowing its paragraph, with the paragraph's label moved into a gutter.

Pure layout (no Textual): the pane draws these rows, tests read them directly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, Protocol

from rich.cells import cell_len

from igtui.corpus.model import Document, Paragraph, StyleSpan
from igtui.reading.display import displayable
from igtui.reading.linebreak import wrap
from igtui.reading.textfit import fit_end


class RowLayout(Protocol):
    """What a line-based pane needs of its layout: rows, and which paragraphs they hold."""

    @property
    def width(self) -> int: ...

    def __len__(self) -> int: ...

    def extent(self, n: int) -> tuple[int, int] | None:
        """The rows (first, after last) of the unit that shows paragraph `n`."""

    def holds(self, row: int, n: int) -> bool:
        """Whether `row` belongs to the unit that shows paragraph `n`."""

    def paragraph_at(self, row: int, x: int = 0) -> int:
        """The paragraph drawn at `row` (and column `x`), or the next one below a spacing row
        (0 if there is none)."""


# "note": a bookmark's note shown under its paragraph (igtui.reading.note_rows)
Role = Literal["heading", "body", "footnote", "blank", "note"]

# current-paragraph marker, bookmark mark, label, one space
LABEL_WIDTH = 5
GUTTER = 1 + 1 + LABEL_WIDTH + 1
FOOTNOTE_INDENT = 2


def wrap_paragraph(text: str, width: int) -> list[str]:
    """Wrap each hard line of `text` with the CJK-aware breaker, control characters shown."""
    out: list[str] = []
    for hard_line in text.split("\n"):
        out.extend(wrap(displayable(hard_line), max(2, width)) or [""])
    return out


_DELIMITERS = ".．、)）:："
_BULLET = re.compile(r"[-*•●▪]\s*")


def split_label(paragraph: Paragraph) -> tuple[str, str]:
    """(gutter label, body text): the label moves out of the text into the gutter.

    The parser keeps a paragraph's numbering in its text ("39. 我们…", "- a) 就…"); shown
    twice it is noise, so the pane prints it once, in the gutter: ¶39, a), (iii), [1].
    Headings keep their numbers in the text (they read as part of the title).
    """
    label, text = paragraph.label, paragraph.text
    if paragraph.kind == "heading":
        return "", text
    if not label:
        bullet = _BULLET.match(text) if paragraph.kind == "list_item" else None
        if bullet and text[bullet.end():].strip():
            return "•", text[bullet.end():]
        return "", text
    body, shown = text, label
    bullet = _BULLET.match(text)
    rest = text[bullet.end():] if bullet else text
    # "(a)", "（一）", and a draft's bracketed item "[g) …]" (a bracketed paragraph, "[61. …]",
    # keeps its text whole)
    openers = "(（[" if paragraph.kind == "list_item" else "(（"
    opener = rest[:1] if rest[:1] and rest[:1] in openers else ""
    if rest[len(opener):].startswith(label):
        tail = rest[len(opener) + len(label):]
        if tail[:1] and tail[0] in _DELIMITERS:
            shown, body = opener + label + tail[0], tail[1:].lstrip()
        elif tail[:1].isspace() and not opener:
            body = tail.lstrip()
    if not body.strip():
        body, shown = text, label
    if paragraph.kind == "footnote":
        gutter = f"[{label}]"
    elif label.startswith("第") and "条" in label:
        # a law article ("第37条"): its number, the 第 left out to fit the gutter
        gutter = label.removeprefix("第")
    elif paragraph.kind == "paragraph" and label.isdigit():
        gutter = f"¶{label}"
    elif label.isascii() and label.isalpha():
        # a letter keeps its point ("b.", "iv."): alone, "b" reads as a stray letter
        gutter = shown
    else:
        gutter = shown.rstrip(".．、:：")
    # full-width brackets and digits as their narrow forms: "（一）" fits the gutter as "(一)";
    # still too wide, an item keeps its closing bracket only: "(十一)" as "十一)"
    gutter = displayable(unicodedata.normalize("NFKC", gutter))
    if cell_len(gutter) > LABEL_WIDTH and gutter.startswith("(") and gutter.endswith(")"):
        gutter = gutter[1:]
    return fit_end(gutter, LABEL_WIDTH), body


@dataclass(frozen=True, slots=True)
class PaneLine:
    n: int  # the paragraph this row belongs to; 0 for spacing rows
    role: Role
    text: str
    label: str = ""
    first: bool = False  # the paragraph's first row (where its label and marks go)
    # the paragraph's inline emphasis that falls on this row, as [start, end) of `text`
    styles: tuple[StyleSpan, ...] = ()


def row_styles(
    body: str, rows: list[str], styles: tuple[StyleSpan, ...], shift: int
) -> list[tuple[StyleSpan, ...]]:
    """Each wrapped row's share of the paragraph's style spans (`shift`: where `body` starts
    in the paragraph's text). The wrapper only drops spaces at breaks, so every row is found
    in the body in order; rows it cannot place (changed for display) get no styles."""
    out: list[tuple[StyleSpan, ...]] = []
    cursor = 0
    for row in rows:
        start = body.find(row, cursor) if row else -1
        if start < 0:
            out.append(())
            continue
        cursor = start + len(row)
        spans = []
        for a, b, style in styles:
            lo, hi = max(a - shift, start), min(b - shift, cursor)
            if lo < hi:
                spans.append((lo - start, hi - start, style))
        out.append(tuple(spans))
    return out


@dataclass(frozen=True, slots=True)
class PaneLayout:
    width: int
    lines: tuple[PaneLine, ...]
    spans: dict[int, tuple[int, int]]  # paragraph n -> (first row, row after last)

    def __len__(self) -> int:
        return len(self.lines)

    def extent(self, n: int) -> tuple[int, int] | None:
        return self.spans.get(n)

    def holds(self, row: int, n: int) -> bool:
        return n != 0 and 0 <= row < len(self.lines) and self.lines[row].n == n

    def paragraph_at(self, row: int, x: int = 0) -> int:
        for index in range(max(0, row), len(self.lines)):
            if self.lines[index].n:
                return self.lines[index].n
        return 0


_ROLES: dict[str, Role] = {"heading": "heading", "footnote": "footnote"}


def layout_document(doc: Document, width: int) -> PaneLayout:
    """Lay out the readable paragraphs of `doc` into rows `width` cells wide."""
    text_width = max(2, width - GUTTER)
    lines: list[PaneLine] = []
    spans: dict[int, tuple[int, int]] = {}
    for paragraph in doc.paragraphs:
        if not paragraph.readable:
            continue
        if lines:
            lines.append(PaneLine(0, "blank", ""))
        role = _ROLES.get(paragraph.kind, "body")
        indent = FOOTNOTE_INDENT if role == "footnote" else 0
        start = len(lines)
        gutter, body = split_label(paragraph)
        rows = wrap_paragraph(body, text_width - indent)
        shift = len(paragraph.text) - len(body)
        emphasis = (
            row_styles(body, rows, paragraph.styles, shift)
            if paragraph.styles and paragraph.text.endswith(body)
            else [()] * len(rows)
        )
        for i, (row, row_spans) in enumerate(zip(rows, emphasis, strict=True)):
            label = gutter if i == 0 else ""
            moved = tuple((a + indent, b + indent, style) for a, b, style in row_spans)
            lines.append(
                PaneLine(paragraph.n, role, " " * indent + row, label, first=i == 0, styles=moved)
            )
        spans[paragraph.n] = (start, len(lines))
    return PaneLayout(width=width, lines=tuple(lines), spans=spans)


