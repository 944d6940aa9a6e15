"""`f`: the current paragraph's footnotes in a popup; the reading place does not move."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from igtui.app.bindings import FOOTNOTES, bindings
from igtui.app.widgets.wrapped import Wrapped
from igtui.corpus.model import Paragraph
from igtui.reading.display import printable


class FootnotesScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(FOOTNOTES)

    def __init__(self, footnotes: Sequence[Paragraph]) -> None:
        super().__init__()
        self.footnotes = tuple(footnotes)

    def compose(self) -> ComposeResult:
        body = VerticalScroll(id="footnotes-body")
        body.border_title = "Footnotes"
        body.border_subtitle = "Esc closes"
        with body:
            for note in self.footnotes:
                # literal text: a footnote is document content, never markup nor control
                # codes; broken into lines as the pane breaks them (never before 、，。)
                yield Static(Wrapped(Text(printable(note.text))), classes="footnote",
                             markup=False)
