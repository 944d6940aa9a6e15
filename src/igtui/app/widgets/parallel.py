"""The parallel view (`t`): a paragraph and its translation side by side, row by row.

Chinese on the left, English on the right; a paragraph without a translation spans both
columns. Like the paragraph pane it is a Line API widget over a layout computed once per
document and width; the current row (the pair holding the reading position) is marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from igtui.app.messages import GotoParagraph
from igtui.app.widgets.pane import MARKER, wrap_paragraph
from igtui.model import Document, Paragraph

GUTTER = 2  # the current-row marker and a space
SEPARATOR = " │ "


@dataclass(frozen=True, slots=True)
class ParallelRow:
    """One row: `left` and its translation `right`; `right == 0` when `left` spans both."""

    left: int
    right: int = 0

    @property
    def ns(self) -> tuple[int, ...]:
        return (self.left, self.right) if self.right else (self.left,)


def pair_rows(doc: Document) -> list[ParallelRow]:
    """The rows of `doc`'s readable paragraphs, each pair once, at its first paragraph's place."""
    readable = {p.n: p for p in doc.paragraphs if p.readable}
    rows: list[ParallelRow] = []
    placed: set[int] = set()
    for p in readable.values():
        if p.n in placed:
            continue
        partner = readable.get(p.pair) if p.pair else None
        if partner is None or partner.n in placed:
            rows.append(ParallelRow(p.n))
            placed.add(p.n)
            continue
        left, right = _chinese_first(p, partner)
        rows.append(ParallelRow(left.n, right.n))
        placed.update((p.n, partner.n))
    return rows


def has_pairs(doc: Document) -> bool:
    return any(p.pair and p.readable for p in doc.paragraphs)


def _chinese_first(a: Paragraph, b: Paragraph) -> tuple[Paragraph, Paragraph]:
    return (b, a) if b.lang == "zh" and a.lang != "zh" else (a, b)


@dataclass(frozen=True, slots=True)
class ParallelLine:
    row: int  # index into the layout's rows; -1 for spacing lines
    left: str
    right: str | None  # None: `left` spans both columns
    heading: bool = False


@dataclass(frozen=True, slots=True)
class ParallelLayout:
    width: int
    rows: tuple[ParallelRow, ...]
    lines: tuple[ParallelLine, ...]
    spans: tuple[tuple[int, int], ...]  # row index -> (first line, line after last)
    row_of: dict[int, int]  # paragraph n -> row index

    @property
    def column(self) -> int:
        return column_width(self.width)


def column_width(width: int) -> int:
    return max(2, (width - GUTTER - cell_len(SEPARATOR)) // 2)


def layout_parallel(doc: Document, width: int) -> ParallelLayout:
    rows = pair_rows(doc)
    column = column_width(width)
    lines: list[ParallelLine] = []
    spans: list[tuple[int, int]] = []
    row_of: dict[int, int] = {}
    for index, row in enumerate(rows):
        if lines:
            lines.append(ParallelLine(-1, "", ""))
        start = len(lines)
        heading = doc.paragraph(row.left).kind == "heading"
        if row.right:
            left = wrap_paragraph(doc.paragraph(row.left).text, column)
            right = wrap_paragraph(doc.paragraph(row.right).text, column)
            for i in range(max(len(left), len(right))):
                lines.append(ParallelLine(
                    index, left[i] if i < len(left) else "", right[i] if i < len(right) else "",
                    heading,
                ))
        else:
            for text in wrap_paragraph(doc.paragraph(row.left).text, max(2, width - GUTTER)):
                lines.append(ParallelLine(index, text, None, heading))
        spans.append((start, len(lines)))
        row_of.update(dict.fromkeys(row.ns, index))
    return ParallelLayout(width, tuple(rows), tuple(lines), tuple(spans), row_of)


class ParallelPane(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one document in pairs; `show(doc, n)` marks the row holding paragraph `n`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "parallel-pane--current",
        "parallel-pane--marker",
        "parallel-pane--heading",
        "parallel-pane--separator",
        "parallel-pane--match",
    }

    DEFAULT_CSS = """
    ParallelPane {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        & > .parallel-pane--current { background: $accent 15%; }
        & > .parallel-pane--marker { color: $accent; }
        & > .parallel-pane--heading { color: $accent; text-style: bold; }
        & > .parallel-pane--separator { color: $foreground 30%; }
        & > .parallel-pane--match { background: $warning 40%; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.current = 0
        self._layout: ParallelLayout | None = None
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._highlight: tuple[str, int, tuple[str, ...]] = ("", 0, ())

    # -- public API -------------------------------------------------------------------

    def show(self, doc: Document, n: int) -> None:
        """Make the row holding paragraph `n` of `doc` current and scroll it into view."""
        if doc is not self.document:
            self.document = doc
            self._layout = None
            self._strips.clear()
            self.refresh()
            self.scroll_to(y=0, animate=False, immediate=True)
        previous, self.current = self.current, n
        # the strips are cached per (line, current): repainting the two rows is enough
        self._refresh_row(previous)
        self._refresh_row(n)
        self._scroll_into_view()

    @property
    def highlight(self) -> tuple[str, int, tuple[str, ...]]:
        """(doc id, n, terms): the search match to mark, as in the paragraph pane."""
        return self._highlight

    @highlight.setter
    def highlight(self, value: tuple[str, int, tuple[str, ...]]) -> None:
        if value != self._highlight:
            self._highlight = value
            self._strips.clear()
            self.refresh()

    @property
    def layout(self) -> ParallelLayout:
        width = max(GUTTER + 8, self.scrollable_content_region.width)
        if self.document is None or not self.size.width:
            return ParallelLayout(width, (), (), (), {})
        if self._layout is None or self._layout.width != width:
            self._strips.clear()
            self._layout = layout_parallel(self.document, width)
            self.virtual_size = Size(width, len(self._layout.lines))
        return self._layout

    def current_row(self) -> ParallelRow | None:
        """The row holding the reading position (None before the first layout)."""
        layout = self.layout
        index = layout.row_of.get(self.current)
        return layout.rows[index] if index is not None else None

    def step(self, n: int, delta: int) -> int:
        """The paragraph (a row's left one) `delta` rows from the row holding `n`."""
        rows = self.document_rows()
        if self._layout is not None:
            row_of = self._layout.row_of
        else:  # not laid out yet (no size): work it out from the rows
            row_of = {m: i for i, row in enumerate(rows) for m in row.ns}
        if n not in row_of:
            return n
        index = max(0, min(row_of[n] + delta, len(rows) - 1))
        return rows[index].left

    def document_rows(self) -> tuple[ParallelRow, ...]:
        if self._layout is not None:
            return self._layout.rows
        return tuple(pair_rows(self.document)) if self.document is not None else ()

    def page_target(self, n: int, direction: int) -> int:
        layout = self.layout
        index = layout.row_of.get(n)
        if index is None:
            return n
        page = max(1, self.scrollable_content_region.height - 1)
        line = max(0, min(layout.spans[index][0] + direction * page, len(layout.lines) - 1))
        while line > 0 and layout.lines[line].row < 0:
            line -= 1
        return layout.rows[max(0, layout.lines[line].row)].left

    # -- scrolling and rendering --------------------------------------------------------

    def _scroll_into_view(self) -> None:
        layout = self.layout
        index = layout.row_of.get(self.current)
        if index is None:
            return
        start, end = layout.spans[index]
        top, rows = round(self.scroll_y), max(1, self.scrollable_content_region.height)
        if end - start > rows or start < top:
            self.scroll_to(y=start, animate=False, immediate=True)
        elif end > top + rows:
            self.scroll_to(y=end - rows, animate=False, immediate=True)

    def _refresh_row(self, n: int) -> None:
        layout = self._layout
        index = layout.row_of.get(n) if layout is not None else None
        if layout is not None and index is not None:
            start, end = layout.spans[index]
            self.refresh_lines(start, end - start)

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        layout = self.layout
        index = round(self.scroll_y) + y
        if index >= len(layout.lines):
            return Strip.blank(self.size.width, self.rich_style)
        line = layout.lines[index]
        current = line.row >= 0 and layout.row_of.get(self.current) == line.row
        key = (index, current)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render(line, current, layout)
        return strip

    def _render(self, line: ParallelLine, current: bool, layout: ParallelLayout) -> Strip:
        base = self.rich_style
        if current:
            base += self.get_component_rich_style("parallel-pane--current")
        text_style = base
        if line.heading:
            text_style += self.get_component_rich_style("parallel-pane--heading")
        marker = (MARKER if current else " ") + " "
        parts: list[tuple[str, Style]] = [
            (marker, base + self.get_component_rich_style("parallel-pane--marker")),
        ]
        if line.right is None:
            parts.append((line.left, text_style))
        else:
            pad = " " * max(0, layout.column - cell_len(line.left))
            separator = base + self.get_component_rich_style("parallel-pane--separator")
            parts += [(line.left + pad, text_style), (SEPARATOR, separator),
                      (line.right, text_style)]
        text = Text.assemble(*parts, no_wrap=True, end="")
        doc_id, n, terms = self.highlight
        mine = self.document is not None and self.document.id == doc_id
        if terms and mine and line.row >= 0 and n in layout.rows[line.row].ns:
            style = self.get_component_rich_style("parallel-pane--match")
            text.highlight_words(terms, style, case_sensitive=False)
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.extend_cell_length(layout.width, base).crop(0, layout.width)

    def on_click(self, event: events.Click) -> None:
        layout = self.layout
        index = round(self.scroll_y) + event.y
        if self.document is None or not 0 <= index < len(layout.lines):
            return
        line = layout.lines[index]
        if line.row < 0:
            return
        row = layout.rows[line.row]
        on_right = row.right and event.x >= GUTTER + layout.column + 1
        self.post_message(GotoParagraph(self.document.id, row.right if on_right else row.left))
