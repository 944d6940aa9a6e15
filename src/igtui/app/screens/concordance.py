"""`c`: a keyword-in-context view of a term across the corpus, grouped by document.

Each line shows the term at the same column with its left and right context; a header row per
document gives its title and count; below the list, the highlighted occurrence's paragraph, broken
into lines as the pane breaks them. `enter` on a line returns where to jump (and the match, so
the reader can highlight it).

The scan grows with the corpus, so it runs in an exclusive thread worker: every keystroke
starts a new one and cancels the one before, and typing never waits for a scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from igtui.app.bindings import CONCORDANCE, bindings
from igtui.app.widgets.wrapped import excerpt, option_row_width
from igtui.corpus.model import Corpus
from igtui.reading.concordance import Concordance, Line, concordance, render_line
from igtui.reading.display import displayable
from igtui.reading.textfit import fit_middle

# rows (document headers and lines) in the list: an option list row costs ~0.05-0.1 ms of
# the UI thread, a screenful is 30 rows, and counts stay exact however many are left out
MAX_ROWS = 200
MIN_CONTEXT = 8
# lines of the highlighted occurrence's paragraph shown under the list
CONTEXT_LINES = 4
MATCH = Style(bold=True, reverse=True)


@dataclass(frozen=True, slots=True)
class ConcordanceHit:
    """Where to go: paragraph `n` of `doc`, with the `match` to highlight there, found for
    `term`."""

    doc: str
    n: int
    match: str
    term: str = ""


@dataclass(frozen=True, slots=True)
class _Found:
    """A finished scan, ready to show: the options are built in the worker too."""

    term: str
    result: Concordance | None
    lines: list[Line]
    options: list[Option]


def line_text(line: Line, context: int, width: int) -> Text:
    """The aligned KWIC line, literal, with the term in bold, cut to `width` cells (the
    option list would wrap a longer one onto a second row)."""
    plain = displayable(render_line(line, context))
    text = Text(plain, no_wrap=True, overflow="ellipsis")
    start = plain.find("│") + 1
    text.stylize("bold reverse", start, start + len(displayable(line.match)))
    text.truncate(width, overflow="ellipsis")
    return text


def found_options(result: Concordance | None, context: int, width: int) -> _Found:
    """The list's rows for `result`: a header per document, then its lines; `MAX_ROWS` in
    all, so a one-character term on a large corpus still shows within a frame or two."""
    lines: list[Line] = []
    options: list[Option] = []
    for group in result.groups if result else ():
        if len(options) + 2 > MAX_ROWS:
            break
        count = f" ({group.count})"
        # one row, as the lines are; the count always shows
        title = fit_middle(displayable(group.title), width - len(count))
        options.append(Option(Text(title + count, style="bold"), disabled=True))
        for line in group.lines[: MAX_ROWS - len(options)]:
            options.append(Option(line_text(line, context, width), id=str(len(lines))))
            lines.append(line)
    return _Found(result.term if result else "", result, lines, options)


class ConcordanceScreen(ModalScreen[ConcordanceHit | None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(CONCORDANCE)

    def __init__(self, corpus: Corpus, term: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.term = term
        self.result: Concordance | None = None
        self._lines: list[Line] = []
        # the term the list shows (None: nothing yet); enter before it is the typed one waits
        self._shown: str | None = None
        self._enter_pending = False

    def compose(self) -> ComposeResult:
        box = Vertical(id="concordance-box")
        box.border_title = "Concordance"
        box.border_subtitle = "Enter jumps · Esc closes"
        with box:
            yield Input(self.term, placeholder="a word or phrase", id="concordance-input")
            yield Static("", id="concordance-status")
            yield OptionList(id="concordance-list")
            yield Static("", id="concordance-context")

    @property
    def input(self) -> Input:
        return self.query_one("#concordance-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#concordance-list", OptionList)

    @property
    def context(self) -> Static:
        return self.query_one("#concordance-context", Static)

    @property
    def listed(self) -> list[Line]:
        """The occurrences shown, in order (the reader steps through them with `.` `,`)."""
        return list(self._lines)

    def on_mount(self) -> None:
        self.input.focus()
        self.refresh_results()

    @on(Input.Changed)
    def _typed(self) -> None:
        self._enter_pending = False
        self.refresh_results()

    def refresh_results(self) -> None:
        """Start the concordance for the input's text (in a worker; it shows when done)."""
        term = self.input.value.strip()
        width = self._list_width()
        # the term column in the middle: what the term and its bars leave, half each side
        context = max(MIN_CONTEXT, (width - cell_len(term) - 4) // 2)
        self._scan(term, context, width)

    @work(thread=True, exclusive=True, group="concordance", exit_on_error=False)
    def _scan(self, term: str, context: int, width: int) -> None:
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        result = concordance(self.corpus, term, width=context, cancelled=cancelled) if term \
            else None
        found = found_options(result, context, width)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, term, found)

    def _show(self, term: str, found: _Found) -> None:
        if term != self.input.value.strip():
            return  # a newer scan is on its way
        self.result, self._lines, self._shown = found.result, found.lines, term
        self.results.set_options(found.options)
        self._status(term)
        if self._lines:
            self.results.highlighted = 1  # the first line under the first header
        else:
            self.context.update("")
        if self._enter_pending:
            self._enter_pending = False
            self._choose(self.results.highlighted)

    def _list_width(self) -> int:
        # before the first layout the list has no size yet: the screen's, less the borders
        return option_row_width(self.results, self.app.size.width - 6)

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

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        line = self._line_at(event.option_index)
        if line is None:
            return
        text = self.corpus.document(line.doc).paragraph(line.n).text
        width = self.context.content_region.width or max(20, self.app.size.width - 8)
        span = ((line.start, line.start + len(line.match)),)
        self.context.update(excerpt(text, span, width, MATCH, CONTEXT_LINES))

    def action_move(self, step: int) -> None:
        results = self.results
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self._shown != self.input.value.strip():
            self._enter_pending = True  # chosen as soon as the scan for the typed term is in
        else:
            self._choose(self.results.highlighted)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _line_at(self, index: int | None) -> Line | None:
        if index is None or not 0 <= index < self.results.option_count:
            return None
        option = self.results.get_option_at_index(index)
        return self._lines[int(option.id)] if option.id is not None else None

    def _choose(self, index: int | None) -> None:
        line = self._line_at(index)
        if line is not None:
            term = self.result.term if self.result else self.input.value.strip()
            self.dismiss(ConcordanceHit(line.doc, line.n, line.match, term))
