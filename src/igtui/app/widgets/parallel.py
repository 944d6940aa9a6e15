"""The parallel view (`t`): a paragraph and its translation side by side, row by row.

The rows come from `igtui.reading.parallel_layout`; this widget draws them, the current pair
marked, and moves by pairs (`step`, `page_target`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from igtui.app.widgets.line_pane import LinePane
from igtui.app.widgets.pane import MARKER
from igtui.corpus.model import Document
from igtui.reading.parallel_layout import (
    GUTTER,
    SEPARATOR,
    ParallelLayout,
    ParallelRow,
    layout_parallel,
    pair_rows,
)


class ParallelPane(LinePane[ParallelLayout]):
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

    MIN_ROW_WIDTH = GUTTER + 8

    def current_row(self) -> ParallelRow | None:
        """The row holding the reading position (None before the first layout)."""
        rows = self.rows
        index = rows.row_of.get(self.current)
        return rows.rows[index] if index is not None else None

    def step(self, n: int, delta: int) -> int:
        """The paragraph (a row's left one) `delta` rows from the row holding `n`."""
        pairs = self.document_rows()
        if self._rows is not None:
            row_of = self._rows.row_of
        else:  # not laid out yet (no size): work it out from the pairs
            row_of = {m: i for i, row in enumerate(pairs) for m in row.ns}
        if n not in row_of:
            return n
        index = max(0, min(row_of[n] + delta, len(pairs) - 1))
        return pairs[index].left

    def document_rows(self) -> tuple[ParallelRow, ...]:
        if self._rows is not None:
            return self._rows.rows
        return tuple(pair_rows(self.document)) if self.document is not None else ()

    # -- LinePane -------------------------------------------------------------------------

    def max_row_width(self, measure: int) -> int:
        # two columns, each as wide as the pane's one
        return GUTTER + 2 * measure + cell_len(SEPARATOR)

    def build_rows(self, doc: Document, width: int) -> ParallelLayout:
        return layout_parallel(doc, width)

    def empty_rows(self, width: int) -> ParallelLayout:
        return ParallelLayout(width, (), (), (), {})

    def row_text(self, rows: ParallelLayout, row: int, current: bool) -> Text:
        line = rows.lines[row]
        base = self.rich_style
        if current:
            base += self.component_style("parallel-pane--current")
        text_style = base
        if line.heading:
            text_style += self.component_style("parallel-pane--heading")
        marker = (MARKER if current else " ") + " "
        parts: list[tuple[str, Style]] = [
            (marker, base + self.component_style("parallel-pane--marker")),
        ]
        if line.right is None:
            parts.append((line.left, text_style))
        else:
            pad = " " * max(0, rows.column - cell_len(line.left))
            separator = base + self.component_style("parallel-pane--separator")
            parts += [(line.left + pad, text_style), (SEPARATOR, separator),
                      (line.right, text_style)]
        text = Text.assemble(*parts, no_wrap=True, end="")
        terms = self.highlight_terms(row)
        if terms:
            text.highlight_words(terms, self.component_style("parallel-pane--match"),
                                 case_sensitive=False)
        return text
