"""The parallel view's rows: a paragraph and its translation side by side, row by row.

Chinese on the left, English on the right; a paragraph without a translation spans both
columns. Pure layout (no Textual): the parallel pane draws these rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from igtui.corpus.model import Document, Paragraph
from igtui.reading.pane_layout import wrap_paragraph

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

    def __len__(self) -> int:
        return len(self.lines)

    def extent(self, n: int) -> tuple[int, int] | None:
        index = self.row_of.get(n)
        return None if index is None else self.spans[index]

    def holds(self, row: int, n: int) -> bool:
        if not 0 <= row < len(self.lines) or self.lines[row].row < 0:
            return False
        return self.row_of.get(n) == self.lines[row].row

    def paragraph_at(self, row: int, x: int = 0) -> int:
        """The paragraph at `row`: the right-hand one when `x` falls in the right column."""
        for index in range(max(0, row), len(self.lines)):
            line = self.lines[index]
            if line.row >= 0:
                pair = self.rows[line.row]
                on_right = pair.right and line.right is not None and x >= GUTTER + self.column + 1
                return pair.right if on_right else pair.left
        return 0


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


