"""Messages the reader's widgets post to say what the user did."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class GotoParagraph(Message):
    """The user chose a paragraph (clicked it in the pane, or opened a tree node)."""

    doc_id: str
    n: int


@dataclass
class ReadingMoved(Message):
    """The reading position changed (the app remembers it)."""

    doc_id: str
    n: int
