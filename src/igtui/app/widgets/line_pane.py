"""A document shown as precomputed rows (Textual's Line API): the base of both reading panes.

The paragraph pane and the parallel view differ only in how a document becomes rows (a
`RowLayout` from `igtui.reading`) and how one row is drawn (`row_text`). Everything else lives
here once: the layout per width, the current paragraph, scrolling it into view, a cache of
drawn rows, the search-match highlight, mouse clicks, and text selection (drag, then ctrl+c).

The geometry is here too: the rows are at most `max_row_width()` cells wide (the reader's
measure, so a line of text stays readable in a wide terminal), centred in the pane; and a jump
lands its paragraph near the top with a line or two of what comes before it above.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Literal, TypeVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from igtui.app.messages import GotoParagraph
from igtui.corpus.model import Document
from igtui.reading.pane_layout import RowLayout

LayoutT = TypeVar("LayoutT", bound=RowLayout)
# (document id, paragraph n, the words to mark): a search match shown in the pane
Highlight = tuple[str, int, tuple[str, ...]]
NO_HIGHLIGHT: Highlight = ("", 0, ())
# how a paragraph is brought into view: scrolling as little as possible, its first row at the
# top (paging, sections), or near the top below a little context (every jump)
Placement = Literal["nearest", "top", "jump"]
# rows of context a jump leaves above its target: the blank row and the line before it
JUMP_CONTEXT = 2


class LinePane(ScrollView, Generic[LayoutT], can_focus=True, inherit_bindings=False):
    """Shows one document; `show(doc, n)` sets the document and the current paragraph."""

    # the narrowest layout worth drawing, in cells
    MIN_ROW_WIDTH = 10

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.current = 0
        self._rows: LayoutT | None = None
        # drawn rows by (row, whether it is the current paragraph's)
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._highlight: Highlight = NO_HIGHLIGHT
        # waiting for a size: how to place the current paragraph once there is one
        self._placement_when_sized: Placement = "nearest"
        # the widest text column, in cells (None: as wide as the pane)
        self._measure: int | None = None
        # blank cells left of the rows, centring them in a pane wider than they are
        self._indent = 0

    # -- what a pane says about itself ---------------------------------------------------

    def build_rows(self, doc: Document, width: int) -> LayoutT:
        """Lay `doc` out in rows `width` cells wide."""
        raise NotImplementedError

    def empty_rows(self, width: int) -> LayoutT:
        """The layout of no document."""
        raise NotImplementedError

    def row_text(self, rows: LayoutT, row: int, current: bool) -> Text:
        """Row `row` as drawn (one line, no wrapping); `current`: it shows the current
        paragraph."""
        raise NotImplementedError

    def row_plain(self, rows: LayoutT, row: int) -> str:
        """Row `row`'s text for a copy of the selection."""
        return self.row_text(rows, row, False).plain

    def max_row_width(self, measure: int) -> int:
        """The widest rows worth drawing for a text column of `measure` cells."""
        return measure

    # -- public API -----------------------------------------------------------------------

    def show(self, doc: Document, n: int, *, place: Placement = "nearest") -> None:
        """Make `n` of `doc` current and bring it into view as `place` says."""
        if doc is not self.document:
            self.document = doc
            self._rows = None
            self._strips.clear()
            # a new layout of the same length at the same scroll would not repaint itself
            self.refresh()
            self.scroll_to(y=0, animate=False, immediate=True)
        previous, self.current = self.current, n
        rows = self.rows
        # shown before the first layout (at start-up): place it once sized
        self._placement_when_sized = place if not rows.width else "nearest"
        if previous != n:
            self.refresh_paragraph(previous)
            self.refresh_paragraph(n)
        self.scroll_to_paragraph(n, place=place)

    @property
    def measure(self) -> int | None:
        """The widest text column in cells; None: as wide as the pane."""
        return self._measure

    @measure.setter
    def measure(self, cells: int | None) -> None:
        if cells == self._measure:
            return
        self._measure = cells
        if self.document is not None and self._rows is not None:
            # re-wrap now and keep the current paragraph where the reader can see it
            self._rows = None
            self._strips.clear()
            self.refresh()
            self.scroll_to_paragraph(self.current, place="jump")

    def relayout(self) -> None:
        """Lay the document out again: what `build_rows` makes of it changed (not the
        document); the current paragraph stays in view."""
        self._rows = None
        self._strips.clear()
        self.refresh()
        if self.document is not None and self.size.width:
            self.scroll_to_paragraph(self.current)

    @property
    def highlight(self) -> Highlight:
        """(doc id, n, terms) of the search match marked in the pane."""
        return self._highlight

    @highlight.setter
    def highlight(self, value: Highlight) -> None:
        if value != self._highlight:
            self._highlight = value
            self._strips.clear()
            self.refresh()

    def set_highlight(self, doc_id: str, n: int, terms: Sequence[str]) -> None:
        """Highlight `terms` in paragraph `n` of `doc_id` until replaced (no terms: none)."""
        self.highlight = (doc_id, n, tuple(t for t in terms if t.strip()))

    def highlight_terms(self, row: int) -> tuple[str, ...]:
        """The terms to mark in `row`: the highlight's, if the row shows its paragraph."""
        doc_id, n, terms = self._highlight
        if not terms or self.document is None or self.document.id != doc_id:
            return ()
        return terms if self.rows.holds(row, n) else ()

    @property
    def rows(self) -> LayoutT:
        """The layout at the pane's current width, up to the measure (empty before the pane
        has a size)."""
        available = max(self.MIN_ROW_WIDTH, self.scrollable_content_region.width)
        width = available
        if self._measure is not None:
            width = max(self.MIN_ROW_WIDTH, min(available, self.max_row_width(self._measure)))
        if self.document is None or not self.size.width:
            # not laid out yet: wrapping at a made-up width would be thrown away at once
            return self.empty_rows(0 if not self.size.width else width)
        indent = (available - width) // 2
        if indent != self._indent:
            self._indent = indent
            self._strips.clear()
        if self._rows is None or self._rows.width != width:
            self._strips.clear()
            self._rows = self.build_rows(self.document, width)
            self.virtual_size = Size(width, len(self._rows))
        return self._rows

    @property
    def indent(self) -> int:
        """Blank cells left of the rows (they are centred when the measure is narrower)."""
        return self._indent

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def is_visible(self, n: int) -> bool:
        start, end = self.rows.extent(n) or (-1, -1)
        top = round(self.scroll_y)
        return start < top + self.page_rows and end > top

    def first_visible(self) -> int:
        return self.rows.paragraph_at(round(self.scroll_y))

    def page_target(self, n: int, direction: int) -> int:
        """The paragraph a page away from `n`: the one at the row a screenful further."""
        rows = self.rows
        start, _ = rows.extent(n) or (0, 0)
        row = start + direction * max(1, self.page_rows - 1)
        row = max(0, min(row, len(rows) - 1))
        return rows.paragraph_at(row) or n

    # -- scrolling ----------------------------------------------------------------------

    def scroll_to_paragraph(self, n: int, *, place: Placement = "nearest") -> None:
        """Bring paragraph `n` into view: see `Placement`. A tall paragraph always starts at
        the top; near the end of a document the view stops at the last row."""
        extent = self.rows.extent(n)
        if extent is None:
            return
        start, end = extent
        view_top, height = round(self.scroll_y), self.page_rows
        if place == "jump":
            # a tiny pane keeps its few rows for the target itself
            target = max(0, start - min(JUMP_CONTEXT, height // 4))
        elif place == "top" or end - start > height or start < view_top:
            target = start
        elif end > view_top + height:
            target = end - height
        else:
            return
        # forced: coming from a document that fitted the pane, the scrollbar (and with it the
        # right to scroll) only comes back at the next layout
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def refresh_paragraph(self, n: int, *, restyle: bool = False) -> None:
        """Repaint the rows of paragraph `n`; `restyle`: drop their drawn rows first (the
        cache is keyed by row and currentness, so a move alone needs no restyle)."""
        extent = self._rows.extent(n) if self._rows is not None else None
        if extent is None:
            return
        start, end = extent
        if restyle:
            for row in range(start, end):
                self._strips.pop((row, False), None)
                self._strips.pop((row, True), None)
        self.refresh_lines(start, end - start)

    def on_resize(self, event: events.Resize) -> None:
        if self.document is not None:
            self.scroll_to_paragraph(self.current, place=self._placement_when_sized)
            self._placement_when_sized = "nearest"

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        rows = self.rows
        row = round(self.scroll_y) + y
        if row >= len(rows):
            return Strip.blank(self.size.width, self.rich_style)
        current = rows.holds(row, self.current)
        selection = self.text_selection
        if selection is not None:
            # a selection changes as the mouse drags: such rows are not cached
            return self._strip(self._selected(rows, row, current, selection), rows, row)
        key = (row, current)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._strip(self.row_text(rows, row, current), rows, row)
        return strip

    def _strip(self, text: Text, rows: LayoutT, row: int) -> Strip:
        strip = Strip(text.render(self.app.console), text.cell_len)
        strip = strip.extend_cell_length(rows.width, self.rich_style).crop(0, rows.width)
        # offsets tell a mouse drag which character of which row it is over
        strip = strip.apply_offsets(0, row)
        if self._indent:
            # the margins are plain blanks: a click or drag there finds no text offset
            margin = Strip.blank(self._indent, self.rich_style)
            strip = Strip.join([margin, strip]).extend_cell_length(
                self.scrollable_content_region.width, self.rich_style
            )
        return strip

    def _selected(self, rows: LayoutT, row: int, current: bool, selection: Selection) -> Text:
        text = self.row_text(rows, row, current)
        span = selection.get_span(row)
        if span is not None:
            start, end = span
            end = len(text) if end == -1 else end
            text.stylize(self.screen.get_component_rich_style("screen--selection"), start, end)
        return text

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        rows = self.rows
        text = "\n".join(self.row_plain(rows, row).rstrip() for row in range(len(rows)))
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    def component_style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    # -- mouse --------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if self.document is None:
            return
        row = round(self.scroll_y) + event.y
        if not 0 <= row < len(self.rows):
            return
        n = self.rows.paragraph_at(row, event.x - self._indent)
        if n and self.rows.holds(row, n):
            self.post_message(GotoParagraph(self.document.id, n, clicked=True))
