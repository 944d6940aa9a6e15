"""The status line: where the reader is. Left, the document and the section path; right, the
search match being read, the paragraph's locator (`igtui.reading.locator`: its label, else its
position), its page where the source has pages, and how far through the document it is.

    突尼斯议程 › 第三章 › 1. 引言                      match 2/9 · ¶39 · 第4页 · 37%

The right side always shows in full; the left gives way (an ellipsis) in a narrow terminal.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from igtui.corpus.model import Document, Paragraph
from igtui.reading.citation import page_locator
from igtui.reading.display import displayable
from igtui.reading.locator import locator
from igtui.reading.progress import Progress

SEPARATOR = " › "
DOT = " · "
# the right side never takes more than this share of the line from the document's title
RIGHT_SHARE = 0.6


def place_text(doc: Document, paragraph: Paragraph | None) -> Text:
    """Title › section path, literal (a title like `[bold]x[/]` is not markup)."""
    text = Text(displayable(doc.title), style="bold")
    for part in paragraph.section if paragraph else ():
        text.append(SEPARATOR)
        text.append(displayable(part))
    return text


def where_text(doc: Document, paragraph: Paragraph, progress: Progress, match: str = "") -> str:
    """`match 2/9 · ¶39 · p. 4 · 37%`: the parts that are known. The locator is the one every
    part of igtui shows and takes (¶51, 第37条, ¶45 a), [3], else the position @12)."""
    parts = [match] if match else []
    parts.append(locator(doc, paragraph.n))
    page = page_locator(doc, paragraph)  # the number printed on it: 第12页, p. 12
    if page:
        parts.append(displayable(page))
    parts.append(f"{progress.percent(paragraph.n)}%")
    return DOT.join(parts)


class StatusLine(Widget):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $text; }
    StatusLine > .status-line--where { color: $text-muted; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"status-line--where"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left = Text()
        self._right = ""

    def set_position(
        self, doc: Document, paragraph: Paragraph, progress: Progress, match: str = ""
    ) -> None:
        self.show(place_text(doc, paragraph), where_text(doc, paragraph, progress, match))

    def show(self, left: Text, right: str = "") -> None:
        # most moves change only the right side, and j held down moves often: skip no-ops
        if left.plain == self._left.plain and right == self._right:
            return
        self._left, self._right = left, right
        self.refresh()

    @property
    def plain(self) -> str:
        """The line's text, both sides (for tests and screen readers)."""
        return f"{self._left.plain}  {self._right}".strip()

    def render(self) -> Text:
        width = self.content_region.width
        right = Text(self._right, style=self.get_component_rich_style("status-line--where"))
        if right.cell_len > width * RIGHT_SHARE:
            right.truncate(int(width * RIGHT_SHARE), overflow="ellipsis")
        left = self._left.copy()
        room = max(0, width - right.cell_len - (2 if right else 0))
        left.truncate(room, overflow="ellipsis")
        gap = " " * max(0, width - left.cell_len - right.cell_len)
        return Text.assemble(left, gap, right, no_wrap=True, end="")
