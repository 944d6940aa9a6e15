"""Messages the reader's widgets post to say what the user did."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from igtui.reading.citation import StyleId


@dataclass
class GotoParagraph(Message):
    """The user chose a paragraph (clicked it in the pane, or opened a tree node)."""

    doc_id: str
    n: int
    # clicked where it is shown: it stays there (a jump from elsewhere lands near the top)
    clicked: bool = False


@dataclass
class CitationStyleChosen(Message):
    """The user chose the citation style (palette or export dialog); the app keeps it."""

    style: StyleId


@dataclass
class ReadingMoved(Message):
    """The reading position changed (the app remembers it)."""

    doc_id: str
    n: int


@dataclass
class OpenDocument(Message):
    """The user chose a document (its tree node): open it where they left it."""

    doc_id: str


@dataclass
class StateChanged(Message):
    """A preference or list kept between runs changed (measure, tree width, queries)."""
