"""The note editor: the paragraph's quote above a TextArea; ctrl+s saves, esc cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from igtui.app.bindings import NOTE_EDITOR, bindings
from igtui.app.screens.confirm import ConfirmScreen
from igtui.reading.display import displayable, editable, printable


class NoteEditorScreen(ModalScreen[str | None]):
    """Dismissed with the note's text on ctrl+s, None when cancelled.

    `text` is what the editor starts with and `saved` the note as stored (they differ when the
    editor is reopened with the text of a save that failed): leaving asks first whenever the
    text differs from `saved`, so typed text is never dropped silently.

    Every text shown (heading, quote, error, the note itself) goes through
    `igtui.reading.display`: a note holding an escape sequence (from an import, or the CLI)
    shows it as ␛, and saving keeps what is shown.
    """

    DEFAULT_CSS = """
    NoteEditorScreen { align: center middle; }
    NoteEditorScreen > #note-box {
        width: 90%; max-width: 100; height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    NoteEditorScreen #note-heading { text-style: bold; }
    NoteEditorScreen #note-quote {
        height: auto; max-height: 30%; border-left: outer $primary; padding-left: 1;
        color: $text-muted;
    }
    NoteEditorScreen #note-error { color: $error; display: none; }
    NoteEditorScreen #note-error.-shown { display: block; }
    /* the box to write in keeps three rows, however long the quote (12-row terminals) */
    NoteEditorScreen #note-text { height: 1fr; min-height: 3; }
    NoteEditorScreen #note-help { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(NOTE_EDITOR)

    def __init__(
        self,
        quote: str,
        text: str = "",
        *,
        heading: str = "",
        saved: str | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.quote = quote
        self.initial_text = editable(text)
        self.saved = editable(text if saved is None else saved)
        self.heading = heading
        self.error = error

    def compose(self) -> ComposeResult:
        # every string here may come from a document or the user: Text keeps `[bold]` literal
        with Vertical(id="note-box"):
            yield Static(Text(displayable(self.heading or "Note")), id="note-heading")
            with VerticalScroll(id="note-quote"):
                yield Static(Text(printable(self.quote)))
            error = Static(Text(displayable(self.error or "")), id="note-error")
            error.set_class(bool(self.error), "-shown")
            yield error
            yield TextArea(
                self.initial_text, soft_wrap=True, placeholder="Write a note…", id="note-text"
            )
            yield Static(Text("ctrl+s save · esc cancel"), id="note-help")

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#note-text", TextArea)

    def on_mount(self) -> None:
        area = self.text_area
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def changed(self) -> bool:
        return self.text_area.text != self.saved

    def action_save(self) -> None:
        self.dismiss(self.text_area.text)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.text_area.focus()

        self.app.push_screen(
            ConfirmScreen("Discard the changes to this note?", yes="Discard", no="Keep editing"),
            answered,
        )
