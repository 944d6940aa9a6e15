"""The reader application: a thin App that shows the reader screen and keeps the state."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.timer import Timer

from igtui.app.messages import CitationStyleChosen, ReadingMoved, StateChanged
from igtui.app.palette import ReaderCommands
from igtui.app.screens.reader import ReaderScreen
from igtui.corpus.model import Corpus
from igtui.reading.citation import DEFAULT_STYLE, STYLE_IDS, StyleId
from igtui.reading.display import displayable
from igtui.storage import Position, ReadingState, StateStore

# a held `j` moves many times a second: write the state once it settles
SAVE_DELAY = 0.5
# a toast's fade-out after its timeout
TOAST_GONE = 0.6


class IgtuiApp(App[None]):
    TITLE = "igtui"
    # absolute, so subclasses defined elsewhere (benchmarks, tests) find it too
    CSS_PATH = Path(__file__).with_name("igtui.tcss")
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False),
    ]

    def __init__(self, corpus: Corpus, store: StateStore, state: ReadingState) -> None:
        super().__init__()
        self.corpus = corpus
        self.store = store
        self.state = state
        self._save_timer: Timer | None = None
        self._save_failed = False
        if state.theme and state.theme in self.available_themes:
            self.theme = state.theme

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        # When a toast goes, Textual repaints only the cells it covered; a wide character
        # cut by the toast's left edge is then written half and the terminal blanks it (the
        # last character of a row went missing until the pane scrolled). Once the toast is
        # gone, the screen is painted again whole.
        after = (self.NOTIFICATION_TIMEOUT if timeout is None else timeout) + TOAST_GONE
        self.call_later(self.set_timer, after, self._repaint_screen)

    def _repaint_screen(self) -> None:
        self.screen.refresh(repaint=True, layout=False)
        for widget in self.screen.walk_children():
            widget.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a screen that binds the palette's key itself (the search box: ctrl+p, the previous
        # search, as in a shell) gets it; the palette stays a key away everywhere else
        if action != "command_palette":
            return True
        return not any(
            self.COMMAND_PALETTE_BINDING in binding.key.split(",")
            for binding in self.screen.BINDINGS
            if isinstance(binding, Binding)
        )

    def get_default_screen(self) -> ReaderScreen:
        saved = self.state.positions.get(self.corpus.key)
        start = (saved.doc, saved.n) if saved else None
        return ReaderScreen(self.corpus, start, self.state, citation_style=self.citation_style)

    @property
    def citation_style(self) -> StyleId:
        """The saved citation style, or the default one."""
        saved = self.state.citation_style
        return next((s for s in STYLE_IDS if s == saved), DEFAULT_STYLE)

    @property
    def reader(self) -> ReaderScreen:
        """The reader screen (the default screen, under any modal on top of it)."""
        return next(s for s in self.screen_stack if isinstance(s, ReaderScreen))

    def on_mount(self) -> None:
        for message in self.corpus.errors:
            # a skipped file's name is data: `[link=a:b]x.txt` must not be read as markup
            self.notify(displayable(message), severity="warning", timeout=8, markup=False)
        # watch the theme only after start-up, so restoring it doesn't count as a change
        self.theme_changed_signal.subscribe(self, self._on_theme_changed)

    @on(ReadingMoved)
    def _remember_position(self, message: ReadingMoved) -> None:
        # (the reader keeps each document's own place in the state itself)
        self.state.positions[self.corpus.key] = Position(message.doc_id, message.n)
        self._schedule_save()

    @on(CitationStyleChosen)
    def _remember_citation_style(self, message: CitationStyleChosen) -> None:
        self.state.citation_style = message.style
        self.reader.citation_style = message.style
        self._schedule_save()

    @on(StateChanged)
    def _state_changed(self) -> None:
        self._schedule_save()

    def _on_theme_changed(self, _theme: object) -> None:
        self.state.theme = self.theme
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_state)

    def save_state(self) -> None:
        """Write the state now; a failure is shown once and reading goes on."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.store.save(self.state) and not self._save_failed:
            self._save_failed = True
            self.notify(displayable(f"Could not save reading position to {self.store.path}"),
                        severity="warning", markup=False)

    async def action_quit(self) -> None:
        self.save_state()
        self.exit()

    def on_unmount(self) -> None:
        # covers ctrl+c and other exits that bypass action_quit
        if self._save_timer is not None:
            self.save_state()
