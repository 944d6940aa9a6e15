"""The breadcrumb line: document title › section path of the paragraph being read, and its
page where the document has pages (the number printed on it, as a citation names it)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from igtui.corpus.model import Document, Paragraph
from igtui.reading.citation import page_locator
from igtui.reading.display import displayable

SEPARATOR = " › "


def breadcrumb_text(doc: Document, paragraph: Paragraph | None) -> Text:
    """Built as Text (never markup) so titles like `[bold]x[/]` show literally."""
    text = Text(displayable(doc.title), style="bold", no_wrap=True, overflow="ellipsis")
    for part in paragraph.section if paragraph else ():
        text.append(SEPARATOR)
        text.append(displayable(part))
    page = page_locator(doc, paragraph) if paragraph else ""
    if page:
        text.append(f" · {displayable(page)}", style="dim")
    return text


class Breadcrumb(Static):
    DEFAULT_CSS = """
    Breadcrumb { height: 1; padding: 0 1; background: $panel; color: $text; }
    """

    _shown: str | None = None

    def set_position(self, doc: Document, paragraph: Paragraph | None) -> None:
        text = breadcrumb_text(doc, paragraph)
        # most moves stay in one section: skip the update (and the re-layout it asks for)
        if text.plain != self._shown:
            self._shown = text.plain
            self.update(text)
