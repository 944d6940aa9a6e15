"""The search box: `/` over the pane, live results, `enter` jumps, `esc` goes back.

Queries go to the `SearchController` (off the UI thread); its messages bring progress and hits
back. `#45` / `第45段` needs no index: it is resolved in the current document at once.
Every row is built from rich `Text` parts, so document text never acts as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from igtui.app.bindings import SEARCH, bindings
from igtui.app.screens.bookmarks import describe_place
from igtui.app.search_controller import (
    IndexFailed,
    IndexProgress,
    IndexReady,
    SearchController,
    SearchResults,
    resolve_label,
)
from igtui.reading.display import displayable
from igtui.search.jump import parse_jump

Spans = tuple[tuple[int, int], ...]

# a result shows this many lines of its paragraph
EXCERPT_LINES = 3
HINT = "type words, pinyin or a phrase · #45 or 第45段 jumps to a paragraph"
KEYS = "↑↓ move · enter jump · ctrl+d scope · esc back"
NO_MATCHES = "No matches"


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Where to go: paragraph `n` of `doc`, with the `spans` of its text that matched `query`
    (empty for a `#45` jump), for the pane to keep highlighted."""

    doc: str
    n: int
    query: str
    spans: Spans = ()


@dataclass(frozen=True, slots=True)
class _Row:
    result: SearchResult
    title: str
    section: tuple[str, ...]
    label: str | None
    text: str


def excerpt(
    text: str, spans: Spans, width: int, console: Console, match: Style, lines: int = EXCERPT_LINES
) -> Text:
    """`text` wrapped to `width` cells, cut to `lines` lines, with `spans` styled `match`.

    When the first match would fall below the first line, the excerpt starts just before it
    (after an ellipsis), so the reader sees why the paragraph matched.
    """
    text = displayable(text)  # one char for one char: the spans stay valid
    width = max(4, width)
    start = 0
    if spans and cell_len(text[: spans[0][0]]) > width:
        start = _context_start(text, spans[0][0], width // 3)
    lead = "…" if start else ""
    body = Text(lead + text[start:])
    shift = len(lead) - start
    for begin, end in spans:
        begin, end = max(begin + shift, len(lead)), end + shift
        if end > begin:
            body.stylize(match, begin, end)
    wrapped = list(body.wrap(console, width))
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1].truncate(width - 1)
        wrapped[-1].rstrip()
        wrapped[-1].append("…")
    return Text("\n").join(wrapped)


def _context_start(text: str, pos: int, cells: int) -> int:
    """Where to start so that at most `cells` cells of `text` come before `pos`."""
    used = 0
    while pos > 0:
        used += cell_len(text[pos - 1])
        if used > cells:
            break
        pos -= 1
    return pos


class SearchScreen(ModalScreen[SearchResult | None]):
    """Dismissed with the chosen `SearchResult`, or None (esc)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"search-screen--match", "search-screen--place"}

    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen > #search-box {
        width: 90%; max-width: 120; height: 90%; margin-top: 1;
        border: thick $primary; background: $surface;
        border-subtitle-color: $text-muted;
    }
    SearchScreen #search-input { margin: 0 1; }
    SearchScreen #search-progress { margin: 0 2; height: 1; }
    SearchScreen #search-status { color: $text-muted; padding: 0 2; }
    SearchScreen #search-results { height: 1fr; border: none; }
    SearchScreen > .search-screen--match { background: $warning 40%; text-style: bold; }
    SearchScreen > .search-screen--place { color: $text-muted; text-style: italic; }
    """

    # priority: the input would otherwise take ctrl+d (delete right) and swallow the arrows
    BINDINGS: ClassVar[list[BindingType]] = bindings(SEARCH)

    def __init__(
        self,
        controller: SearchController,
        doc_id: str | None,
        n: int = 1,
    ) -> None:
        """`doc_id` and `n`: where the reader is (the scope of ctrl+d and of `#45`)."""
        super().__init__()
        self.controller = controller
        self.doc_id = doc_id
        self.near_n = n
        self.rows: list[_Row] = []
        self._status = HINT
        self._jump = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(placeholder="Search", id="search-input")
            yield ProgressBar(total=1.0, show_eta=False, id="search-progress")
            yield Static(id="search-status")
            yield OptionList(id="search-results")

    # -- typed accessors ----------------------------------------------------------------

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    @property
    def progress_bar(self) -> ProgressBar:
        return self.query_one("#search-progress", ProgressBar)

    @property
    def this_doc(self) -> bool:
        """ctrl+d's "this document only"; the controller keeps it between openings."""
        return self.controller.this_doc_only and self.doc_id is not None

    @property
    def scope(self) -> str | None:
        """The document searched, or None for all of them."""
        return self.doc_id if self.this_doc else None

    @property
    def selected(self) -> SearchResult | None:
        index = self.results.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index].result

    # -- lifecycle ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.results.can_focus = False  # focus stays in the input; the arrows move the list
        self.controller.subscribe(self)
        self.controller.start(self.app)
        self.progress_bar.display = not self.controller.ready and self.controller.error is None
        self.progress_bar.update(progress=self.controller.progress)
        self._show_scope()
        self._set_status(HINT)
        self.input.focus()

    def on_unmount(self) -> None:
        self.controller.unsubscribe(self)

    # -- the query ------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self) -> None:
        self._run_query()

    def _run_query(self) -> None:
        text = self.input.value
        if not text.strip():
            self._show([], status=HINT)
            return
        label = parse_jump(text)
        if label is not None:
            self._show_jump(text, label)
        elif self.controller.error is not None:
            self._show([], status=f"Search unavailable: {self.controller.error}")
        else:
            if not self.controller.ready:
                self._set_status("Indexing the documents… results appear when ready")
            self.controller.query(text, self.scope)

    def _show_jump(self, text: str, label: str) -> None:
        if self.doc_id is None:
            self._show([], status="No document open to jump in")
            return
        doc = self.controller.corpus.document(self.doc_id)
        n = resolve_label(doc, label, self.near_n)
        if n is None:
            self._show([], status=f"No paragraph labelled {label} in {displayable(doc.title)}")
            return
        p = doc.paragraph(n)
        row = _Row(SearchResult(doc.id, n, text), doc.title, p.section, p.label, p.text)
        where = label if label.startswith("@") else f"¶ {label}"
        self._show([row], status=f"Jump to {where} in this document", jump=True)

    @on(SearchResults)
    def _results(self, message: SearchResults) -> None:
        message.stop()
        # a late answer to an older keystroke or scope must not replace the current one
        if message.query != self.input.value or message.doc != self.scope:
            return
        if parse_jump(message.query) is not None:
            return
        rows = [
            _Row(SearchResult(h.doc, h.n, message.query, h.spans), h.title, h.section, h.label,
                 h.text)
            for h in message.hits
        ]
        count = len(rows)
        status = f"{count} result{'s' if count != 1 else ''}" if count else NO_MATCHES
        self._show(rows, status=status)

    @on(IndexProgress)
    def _progressed(self, message: IndexProgress) -> None:
        message.stop()
        self.progress_bar.update(progress=message.fraction)

    @on(IndexReady)
    def _ready(self, message: IndexReady) -> None:
        message.stop()
        self.progress_bar.display = False
        # the controller runs the query that waited; refresh the status line meanwhile
        if self.input.value.strip() and parse_jump(self.input.value) is None:
            self._set_status("Searching…")

    @on(IndexFailed)
    def _failed(self, message: IndexFailed) -> None:
        message.stop()
        self.progress_bar.display = False
        self._run_query()

    # -- showing results ------------------------------------------------------------------

    def _show(self, rows: Sequence[_Row], *, status: str, jump: bool = False) -> None:
        self.rows, self._status, self._jump = list(rows), status, jump
        listing = self.results
        width = self._row_width()
        options: list[Option | None] = []
        for i, row in enumerate(self.rows):
            options += [Option(self._row_text(row, width, jump), id=str(i)), None]
        if not self.rows and status == NO_MATCHES:
            options.append(Option(Text("no matches", style="italic"), disabled=True))
        listing.set_options(options[:-1] if self.rows else options)
        listing.highlighted = 0 if self.rows else None
        self._set_status(status)

    def _row_width(self) -> int:
        # option rows have one cell of padding each side; keep one more for the scrollbar
        width = self.results.scrollable_content_region.width or self.app.size.width - 14
        return max(20, width - 3)

    def _row_text(self, row: _Row, width: int, jump: bool) -> Text:
        place = Text(
            displayable(describe_place(row.section, row.label, row.result.n)),
            style=self.get_component_rich_style("search-screen--place"),
        )
        # a long title gives way to the place, down to half the row
        title = Text(("→ " if jump else "") + displayable(row.title), style="bold")
        title.truncate(max(width // 2, width - place.cell_len - 2), overflow="ellipsis")
        head = Text.assemble(title, "  ", place)
        head.truncate(width, overflow="ellipsis")
        match = self.get_component_rich_style("search-screen--match")
        body = excerpt(row.text, row.result.spans, width, self.app.console, match)
        return Text("\n").join([head, body])

    def _set_status(self, status: str) -> None:
        self._status = status
        self.query_one("#search-status", Static).update(Text(displayable(status)))

    def _show_scope(self) -> None:
        box = self.query_one("#search-box")
        if self.this_doc and self.doc_id is not None:
            title = self.controller.corpus.document(self.doc_id).title
            box.border_title = Text(f"Search · this document only: {displayable(title)}")
        else:
            box.border_title = Text("Search · all documents")
        box.border_subtitle = Text(KEYS)

    def on_resize(self) -> None:
        # rows are wrapped and cut to the list's width
        self._show(self.rows, status=self._status, jump=self._jump)

    # -- actions --------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if step > 0:
            self.results.action_cursor_down()
        else:
            self.results.action_cursor_up()

    def action_page(self, step: int) -> None:
        if step > 0:
            self.results.action_page_down()
        else:
            self.results.action_page_up()

    def action_toggle_scope(self) -> None:
        if self.doc_id is None:
            self.app.bell()
            return
        self.controller.this_doc_only = not self.this_doc
        self._show_scope()
        self._run_query()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.selected)

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(self.rows[event.option_index].result)

    def _choose(self, result: SearchResult | None) -> None:
        if result is None:
            self.app.bell()
        else:
            self.dismiss(result)
