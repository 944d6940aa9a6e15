"""A yes/no question in a small modal: reusable by any screen that must not act by surprise."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from igtui.app.bindings import CONFIRM, bindings
from igtui.app.widgets.wrapped import Wrapped
from igtui.reading.display import displayable, printable


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True for yes; `n`, esc and the No button (focused first) say no."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > #confirm-box {
        width: 60; max-width: 90%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen #confirm-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(CONFIRM)

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            # the question may quote documents and notes: never markup, never control codes;
            # broken into lines as the pane breaks them
            yield Static(Wrapped(Text(printable(self.question))), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Text(displayable(f"{self.yes_label} (y)")), variant="warning",
                             id="yes")
                yield Button(Text(displayable(f"{self.no_label} (n)")), variant="primary",
                             id="no")

    def on_mount(self) -> None:
        # enter on an unread dialog must not destroy anything
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
