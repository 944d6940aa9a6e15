"""The help screen: every key of every screen, from the one table in `igtui.app.bindings`."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from igtui.app.bindings import EXTRA, HELP, HELP_SECTIONS, bindings, help_rows


def help_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, description in rows:
        table.add_row(Text(key), Text(description))
    return table


def help_content() -> Group:
    """A titled table per screen, then the keys of the tree, the palette and the mouse."""
    parts: list[Text | Table] = []
    for title, keys in HELP_SECTIONS:
        parts += [Text(title, style="bold underline"), help_table(help_rows(keys)), Text("")]
    parts += [Text("Everywhere", style="bold underline"), help_table(list(EXTRA))]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(HELP)

    def compose(self) -> ComposeResult:
        body = VerticalScroll(id="help-body")
        body.border_title = "igtui — keys"
        body.border_subtitle = "Esc, q or ? closes"
        with body:
            yield Static(help_content(), id="help-table")
