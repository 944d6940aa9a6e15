"""Notes shown under their paragraphs in the pane (`N` in the reader): pure layout, no Textual.

The rows of a note are added to its paragraph's extent, so the paragraph and its note are one
unit to the pane: they scroll, highlight and click together.
"""

from __future__ import annotations

from collections.abc import Mapping

from igtui.reading.pane_layout import GUTTER, PaneLayout, PaneLine, wrap_paragraph

NOTE_PREFIX = "✎ "


def with_notes(layout: PaneLayout, notes: Mapping[int, str], width: int) -> PaneLayout:
    """`layout` with the full text of each note in `notes` (by paragraph `n`) under its
    paragraph, wrapped like body text (control characters shown, never obeyed)."""
    ends = {
        end: n for n, (_, end) in layout.spans.items() if notes.get(n, "").strip()
    }
    if not ends:
        return layout
    text_width = max(2, width - GUTTER - len(NOTE_PREFIX))
    lines: list[PaneLine] = []
    for i, line in enumerate((*layout.lines, None)):
        if i in ends:
            lines.extend(_note_lines(ends[i], notes[ends[i]], text_width))
        if line is not None:
            lines.append(line)
    spans: dict[int, tuple[int, int]] = {}
    for row, line in enumerate(lines):
        if line.n:
            start, _ = spans.get(line.n, (row, row))
            spans[line.n] = (start, row + 1)
    return PaneLayout(width=layout.width, lines=tuple(lines), spans=spans)


def _note_lines(n: int, note: str, width: int) -> list[PaneLine]:
    rows = wrap_paragraph(note.strip("\n"), width)
    pad = " " * len(NOTE_PREFIX)
    return [
        PaneLine(n, "note", (NOTE_PREFIX if i == 0 else pad) + row)
        for i, row in enumerate(rows)
    ]
