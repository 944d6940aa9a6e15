"""Where a result's snippet starts, so the words that matched are in it (no Textual).

A hit marks every stretch of its text that matched a query word ("数字" five times, "数字鸿沟"
once). The snippet is centred on the best of them, the longest (the whole phrase rather than
one of its words), not on the first, which may be a stray word far from the real match.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import get_character_cell_size

Span = tuple[int, int]


def best_span(spans: Sequence[Span]) -> Span | None:
    """The longest span (the earliest of equals); None if there are none."""
    if not spans:
        return None
    return max(spans, key=lambda span: (span[1] - span[0], -span[0]))


def centred_start(text: str, spans: Sequence[Span], cells: int) -> int:
    """Where a window of about `cells` cells of `text` starts with the best span in its
    middle: 0 when the span is near the start (no need to skip anything), and never so late
    that the window would run past the end with room to spare."""
    span = best_span(spans)
    if span is None:
        return 0
    start, end = span
    span_cells = _cells(text, start, end)
    before = max(0, (cells - span_cells) // 2)
    pos = _back(text, start, before)
    # near the end: start earlier, so the window is full
    after = _cells(text, pos, len(text))
    if after < cells:
        pos = _back(text, pos, cells - after)
    return pos


def _cells(text: str, start: int, end: int) -> int:
    return sum(get_character_cell_size(ch) for ch in text[start:end])


def _back(text: str, pos: int, cells: int) -> int:
    """The index at most `cells` cells before `pos`."""
    used = 0
    while pos > 0:
        used += get_character_cell_size(text[pos - 1])
        if used > cells:
            break
        pos -= 1
    return pos
