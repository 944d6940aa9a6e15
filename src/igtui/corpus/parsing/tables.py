"""Tables that text extraction flattened into lines (pdftotext -layout): rows, never headings.

A table's printed rows keep their columns apart with runs of spaces inside the line
("一级指标      二级指标      重点评估要素"); its wrapped cells leave short or deeply
indented lines between them ("            平", "数字技术"). Prose has neither. Evidence read
from the lines alone:

- a "columned" line holds a run of three or more spaces between two pieces of text (not a
  dot leader: a contents entry);
- a table is a stretch of at least three columned lines, with only a few short or deeply
  indented lines (wrapped cells) between two of them, page breaks and furniture allowed;
- the short or deep lines right after its last columned line, up to a blank line, are its
  last row's wrapped cells.

Each line of a table becomes its own row; its columns are joined with " | ".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from igtui.corpus.parsing.linestats import LineStats
from igtui.corpus.parsing.pages import PagedLine
from igtui.corpus.parsing.shapes import width

_COLUMN_GAP = re.compile(r"(?<=\S)[ \u3000\xa0]{3,}(?=\S)")
_LEADER = re.compile(r"[.．·…_]{4,}")
# short or deep lines allowed between two columned ones (cells wrapped over lines)
_MAX_BETWEEN = 6
_MIN_COLUMNED = 3
# a wrapped cell is short: well under the text's usual line
_CELL_SHARE = 0.5


def columned(raw: str) -> bool:
    """Whether a line keeps columns apart with runs of spaces."""
    text = raw.strip()
    if "   " not in text and "\u3000" not in text and "\xa0" not in text:
        return False  # the usual line: no run of spaces at all
    return bool(_COLUMN_GAP.search(text)) and not _LEADER.search(text)


def row_text(raw: str) -> str:
    """A table line's cells, joined with " | "."""
    return " | ".join(" ".join(cell.split()) for cell in _COLUMN_GAP.split(raw.strip()))


def table_lines(lines: Sequence[PagedLine], stats: LineStats) -> set[int]:
    """Indexes of the lines that belong to a flattened table."""
    text = [i for i, line in enumerate(lines) if line.text.strip() and not line.furniture]
    found: set[int] = set()
    run: list[int] = []  # positions in `text` of one stretch's columned lines
    between = 0  # wrapped-cell lines since the run's last columned line
    for k, index in enumerate(text):
        raw = lines[index].text
        if columned(raw):
            run.append(k)
            between = 0
            continue
        between += 1
        if run and (between > _MAX_BETWEEN or not _cell(raw, index, stats)):
            found |= _table(lines, stats, text, run)
            run = []
    found |= _table(lines, stats, text, run)
    return found


def _table(
    lines: Sequence[PagedLine], stats: LineStats, text: list[int], run: list[int]
) -> set[int]:
    if len(run) < _MIN_COLUMNED:
        return set()
    rows = set(text[run[0] : run[-1] + 1])
    # the last row's wrapped cells, up to a blank line
    last = text[run[-1]]
    for index in range(last + 1, len(lines)):
        raw = lines[index].text
        if not raw.strip() or lines[index].furniture:
            break
        if not _cell(raw, index, stats):
            break
        rows.add(index)
    return rows


def _cell(raw: str, index: int, stats: LineStats) -> bool:
    return stats.deep(index, raw) or width(raw.strip()) < stats.measure * _CELL_SHARE
