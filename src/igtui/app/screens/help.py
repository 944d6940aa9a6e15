"""The help screen: every binding of the reader, generated from its BINDINGS."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# how keys are spelled in the help, for the names Textual gives them
KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "question_mark": "?",
    "slash": "/",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "shift+space": "Shift+Space",
    "space": "Space",
    "down": "↓",
    "up": "↑",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "enter": "Enter",
    "ctrl+o": "Ctrl+O",
    "ctrl+i": "Ctrl+I",
    "ctrl+n": "Ctrl+N",
}

DESCRIPTIONS = {
    "next_paragraph": "next paragraph",
    "prev_paragraph": "previous paragraph",
    "page_down": "a page down",
    "page_up": "a page up",
    "first_paragraph": "start of the document",
    "last_paragraph": "end of the document",
    "prev_section": "previous section",
    "next_section": "next section",
    "prev_document": "previous document",
    "next_document": "next document",
    "switch_focus": "switch focus between tree and pane",
    "search": "search",
    "toggle_bookmark": "toggle a bookmark on this paragraph",
    "note": "write a note on this paragraph",
    "bookmarks": "list bookmarks",
    "export": "export bookmarks and notes",
    "cite": "copy paragraph (+ translation) with a citation",
    "jump_back": "jump back to where the last jump started",
    "jump_forward": "jump forward again (terminals send Ctrl+I as Tab)",
    "links": "pane: follow a reference · tree: open that node",
    "footnotes": "show this paragraph's footnotes",
    "concordance": "concordance: every use of a word in context",
    "toggle_parallel": "translations side by side, on/off",
    "help": "this help",
    "app.quit": "quit",
}

EXTRA_ROWS = (
    ("Space", "in the tree: collapse or expand a node"),
    ("Ctrl+P", "command palette: go to document, go to section, actions, theme"),
    ("Mouse", "click a tree node or a paragraph; the wheel scrolls"),
)


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def help_rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding, then the tree, palette and mouse."""
    rows = [
        (key_label(b.key), DESCRIPTIONS.get(b.action, b.description))
        for b in bindings
        if isinstance(b, Binding)
    ]
    return rows + list(EXTRA_ROWS)


def help_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, description in rows:
        table.add_row(Text(key), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        from igtui.app.screens.reader import ReaderScreen

        body = VerticalScroll(id="help-body")
        body.border_title = "igtui — keys"
        body.border_subtitle = "Esc, q or ? closes"
        with body:
            yield Static(help_table(help_rows(ReaderScreen.BINDINGS)), id="help-table")
