"""`enter` on a paragraph with references: choose one to follow (the screen returns it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from igtui.app.bindings import LINKS, bindings
from igtui.app.widgets.wrapped import Wrapped
from igtui.corpus.model import Document
from igtui.reading.display import displayable
from igtui.reading.references import Link

PREVIEW_CHARS = 60


def link_prompt(doc: Document, link: Link) -> Text:
    """`第45段 → 45. 我们重申…`: the reference, then the start of what it points to."""
    target = displayable(doc.paragraph(link.target_n).text)
    if len(target) > PREVIEW_CHARS:
        target = target[: PREVIEW_CHARS - 1] + "…"
    return Text.assemble((displayable(link.text), "bold"), " → ", target)


class LinksScreen(ModalScreen[Link | None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(LINKS)

    def __init__(self, doc: Document, links: Sequence[Link]) -> None:
        super().__init__()
        self.doc = doc
        self.links = tuple(links)

    def compose(self) -> ComposeResult:
        options = OptionList(
            *(Option(Wrapped(link_prompt(self.doc, link)), id=str(i))
              for i, link in enumerate(self.links)),
            id="links-list",
        )
        options.border_title = "Follow a reference"
        options.border_subtitle = "Enter follows · Esc closes"
        yield options

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[event.option_index])
