"""`c`: a keyword-in-context view of a term across the corpus, grouped by document.

Each line shows the term at the same column with its left and right context; a header row per
document gives its title and count. `enter` on a line returns where to jump (and the match, so
the reader can highlight it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from igtui.app.bindings import CONCORDANCE, bindings
from igtui.corpus.model import Corpus
from igtui.reading.concordance import Concordance, Line, concordance, render_line
from igtui.reading.display import displayable

# typing a word re-runs the whole-corpus scan: wait for a pause in the typing
DEBOUNCE = 0.15
MAX_SHOWN = 500
MIN_CONTEXT = 8


@dataclass(frozen=True, slots=True)
class ConcordanceHit:
    """Where to go: paragraph `n` of `doc`, with the `match` to highlight there."""

    doc: str
    n: int
    match: str


def line_text(line: Line, context: int, width: int) -> Text:
    """The aligned KWIC line, literal, with the term in bold, cut to `width` cells (the
    option list would wrap a longer one onto a second row)."""
    plain = displayable(render_line(line, context))
    text = Text(plain, no_wrap=True, overflow="ellipsis")
    start = plain.find("│") + 1
    text.stylize("bold reverse", start, start + len(displayable(line.match)))
    text.truncate(width, overflow="ellipsis")
    return text


class ConcordanceScreen(ModalScreen[ConcordanceHit | None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(CONCORDANCE)

    def __init__(self, corpus: Corpus, term: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.term = term
        self.result: Concordance | None = None
        self._lines: list[Line] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        box = Vertical(id="concordance-box")
        box.border_title = "Concordance"
        box.border_subtitle = "Enter jumps · Esc closes"
        with box:
            yield Input(self.term, placeholder="a word or phrase", id="concordance-input")
            yield Static("", id="concordance-status")
            yield OptionList(id="concordance-list")

    @property
    def input(self) -> Input:
        return self.query_one("#concordance-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#concordance-list", OptionList)

    def on_mount(self) -> None:
        self.input.focus()
        self.refresh_results()

    @on(Input.Changed)
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._debounced)

    def _debounced(self) -> None:
        self._timer = None
        self.refresh_results()

    def refresh_results(self) -> None:
        """Run the concordance for the input's text now and show it."""
        if self._timer is not None:  # called directly: the pending run is not needed
            self._timer.stop()
            self._timer = None
        term = self.input.value.strip()
        width = self._list_width()
        # the term column in the middle: what the term and its bars leave, half each side
        context = max(MIN_CONTEXT, (width - cell_len(term) - 4) // 2)
        self.result = concordance(self.corpus, term, width=context) if term else None
        self._lines = []
        options: list[Option] = []
        for group in self.result.groups if self.result else ():
            header = Text(f"{displayable(group.title)} ({group.count})", style="bold")
            options.append(Option(header, disabled=True))
            # counts stay exact; only the rows drawn are capped, so a one-character term on a
            # large corpus still repaints within a frame or two
            for line in group.lines[: max(0, MAX_SHOWN - len(self._lines))]:
                text = line_text(line, context, width)
                options.append(Option(text, id=str(len(self._lines))))
                self._lines.append(line)
        self.results.set_options(options)
        self._status(term)
        if self._lines:
            self.results.highlighted = 1  # the first line under the first header

    def _list_width(self) -> int:
        # before the first layout the list has no size yet: the screen's, less the borders
        return self.results.scrollable_content_region.width or max(20, self.app.size.width - 6)

    def _status(self, term: str) -> None:
        if not term:
            status = "Type a word to see every use of it."
        elif self.result is None or not self.result.total:
            status = f"No occurrences of “{term}”."
        else:
            docs = len(self.result.groups)
            status = f"{self.result.total} occurrences in {docs} document" + "s" * (docs != 1)
            if self.result.total > len(self._lines):
                status += f" (the first {len(self._lines)} shown)"
        self.query_one("#concordance-status", Static).update(Text(status))

    def action_move(self, step: int) -> None:
        results = self.results
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self._timer is not None:
            self.refresh_results()
        self._choose(self.results.highlighted)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is None:
            return
        option = self.results.get_option_at_index(index)
        if option.id is None:
            return
        line = self._lines[int(option.id)]
        self.dismiss(ConcordanceHit(line.doc, line.n, line.match))
