"""The export dialog: choose a format, a citation style and a file; never overwrites a file
without asking."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from igtui.app.bindings import EXPORT, bindings
from igtui.app.messages import CitationStyleChosen
from igtui.app.screens.confirm import ConfirmScreen
from igtui.corpus.model import Corpus
from igtui.notes.export import EXTENSIONS, FORMATS, Format, render, write_new_file
from igtui.notes.records import Bookmark
from igtui.reading.citation import DEFAULT_STYLE, STYLE_IDS, STYLES, StyleId
from igtui.reading.display import displayable

FORMAT_NAMES: dict[Format, str] = {
    "md": "Markdown", "json": "JSON", "csv": "CSV", "bib": "BibTeX", "csl-json": "CSL-JSON",
}
DEFAULT_NAME = "igtui-notes"


def default_path(fmt: Format = "md") -> Path:
    return Path("~") / f"{DEFAULT_NAME}.{EXTENSIONS[fmt]}"


def with_format(value: str, fmt: Format) -> str:
    """The path typed so far, its extension following the format when it is one of ours."""
    path = Path(value)
    if value.strip() and path.suffix.lstrip(".").lower() in EXTENSIONS.values():
        return str(path.with_suffix(f".{EXTENSIONS[fmt]}"))
    return value


class ExportScreen(ModalScreen[Path | None]):
    """Dismissed with the written file's path, or None when cancelled.

    `load` returns the bookmarks to export; it reads the notes file, so it runs in a thread
    with the rendering and the write.
    """

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > #export-box {
        width: 70; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportScreen #export-format, ExportScreen #export-style {
        layout: horizontal; width: 100%; height: auto;
    }
    ExportScreen RadioSet > RadioButton { width: auto; }
    ExportScreen #export-error { color: $error; height: auto; }
    ExportScreen #export-buttons { height: auto; align-horizontal: right; }
    ExportScreen Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(EXPORT)

    def __init__(
        self,
        corpus: Corpus,
        load: Callable[[], Sequence[Bookmark]],
        *,
        path: Path | None = None,
        fmt: Format = "md",
        style: StyleId = DEFAULT_STYLE,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.load = load
        self.fmt: Format = fmt
        self.style: StyleId = style
        self.initial_path = path if path is not None else default_path(fmt)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text("Export bookmarks and notes", style="bold"))
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(
                        Text(FORMAT_NAMES[fmt]), value=fmt == self.fmt, id=f"format-{fmt}"
                    )
            yield Static(Text("References in", style="dim"))
            with RadioSet(id="export-style"):
                for style in STYLE_IDS:
                    # "Chicago (notes and bibliography)": the short name fits on the row
                    short = STYLES[style].name.split(" (")[0]
                    yield RadioButton(Text(short), value=style == self.style, id=f"style-{style}")
            # select_on_focus off: coming back to the field (tab, a click) must not select the
            # typed path, where the next key would replace all of it
            yield Input(str(self.initial_path), id="export-path", select_on_focus=False)
            yield Static(id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button(Text("Export"), variant="primary", id="export")
                yield Button(Text("Cancel"), id="cancel")

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    def on_mount(self) -> None:
        self.path_input.focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        chosen = (event.pressed.id or "").removeprefix("format-")
        self.fmt = next(f for f in FORMATS if f == chosen)
        self.path_input.value = with_format(self.path_input.value, self.fmt)

    @on(RadioSet.Changed, "#export-style")
    def _style_changed(self, event: RadioSet.Changed) -> None:
        chosen = (event.pressed.id or "").removeprefix("style-")
        self.style = next(s for s in STYLE_IDS if s == chosen)
        # `y` in the reader cites in the same style from now on
        self.post_message(CitationStyleChosen(self.style))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        value = self.path_input.value.strip()
        if not value:
            self.show_error("Type the name of the file to write.")
            return
        path = Path(value).expanduser()
        if path.is_dir():
            self.show_error(f"{path} is a folder: add a file name.")
            return
        if path.exists() and not path.is_file():
            # a device or FIFO: never written, even after "Replace?"
            self.show_error(f"{path} is not a regular file: choose another name.")
            return
        self.show_error("")
        self._write(path, self.fmt, self.style, force=False)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        # file names may hold brackets or control characters: shown, never obeyed
        self.query_one("#export-error", Static).update(Text(displayable(message)))

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, fmt: Format, style: StyleId, force: bool) -> None:
        try:
            bookmarks = self.load()
            write_new_file(path, render(fmt, bookmarks, self.corpus, style), force)
        except FileExistsError:
            self.app.call_from_thread(self._ask_overwrite, path, fmt, style)
        except OSError as err:
            self.app.call_from_thread(
                self.show_error, f"Could not write {path}: {err.strerror or err}"
            )
        else:
            self.app.call_from_thread(self._written, path, len(bookmarks))

    def _ask_overwrite(self, path: Path, fmt: Format, style: StyleId) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._write(path, fmt, style, force=True)
            else:
                self.show_error(f"{path} exists; choose another name or confirm replacing it.")

        self.app.push_screen(
            ConfirmScreen(f"{path} already exists. Replace it?", yes="Replace", no="Keep it"),
            answered,
        )

    def _written(self, path: Path, count: int) -> None:
        plural = "" if count == 1 else "s"
        self.app.notify(
            displayable(f"Exported {count} bookmark{plural} to {path}"), markup=False
        )
        # the dialog may have been closed while the file was being written
        if self.is_current:
            self.dismiss(path)
