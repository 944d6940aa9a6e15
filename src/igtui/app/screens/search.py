"""The search box: `/` over the pane, live results, `enter` jumps, `esc` goes back.

Queries go to the `SearchController` (off the UI thread); its messages bring progress and hits
back. `#45` / `第45段` / `第37条` needs no index: a worker finds that paragraph in the current
document first, then in the others. The box remembers recent queries (↑ at the top of the list,
ctrl+p / ctrl+n). Every row is built from rich `Text` parts, so document text never acts as
markup, and broken into lines as the pane breaks them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from igtui.app.bindings import SEARCH, bindings
from igtui.app.screens.bookmarks import place_in
from igtui.app.search_controller import (
    IndexFailed,
    IndexProgress,
    IndexReady,
    SearchController,
    SearchResults,
)
from igtui.app.widgets.wrapped import excerpt, option_row_width
from igtui.notes.export import plain_locator
from igtui.reading.display import displayable
from igtui.search.history import QueryHistory
from igtui.search.jump import jump_targets, parse_jump

Spans = tuple[tuple[int, int], ...]

HINT = "type words, pinyin or a phrase · #45, 第45段 or 第37条 jumps to a paragraph"
HINT_HISTORY = HINT + " · ↑ recent searches"
KEYS = "↑↓ move · ctrl+p/n recent · enter jump · ctrl+d scope · esc back"
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


def jump_status(label: str, here: int, others: int, listed: int) -> str:
    """What the status line says of a `#45` / `@12` jump found `here` (0 or 1) in the reader's
    document and in `others` other documents, `listed` of them shown."""
    what = label if label.startswith("@") else f"¶ {label}"
    elsewhere = f"{others} other document{'s' * (others != 1)}"
    if listed < others:
        elsewhere += f" (the first {listed} listed)"
    if not here and not others:
        if label.startswith("@"):
            return f"No paragraph {what} in this document"
        # `#49` looks for the label a document prints (¶ 49, "49."): say how to count instead
        hint = f" (@{label} counts paragraphs from the top)" if label.isdigit() else ""
        return f"No paragraph {what} in any document{hint}"
    if here and others:
        return f"Jump to {what}: this document first, then {elsewhere}"
    if here:
        return f"Jump to {what} in this document"
    return f"No paragraph {what} in this document; it is in {elsewhere}"


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
        *,
        history: QueryHistory | None = None,
    ) -> None:
        """`doc_id` and `n`: where the reader is (the scope of ctrl+d, and where `#45` looks
        first); `history`: the recent queries, which this screen adds to."""
        super().__init__()
        self.controller = controller
        self.doc_id = doc_id
        self.near_n = n
        self.history = history if history is not None else QueryHistory()
        self.rows: list[_Row] = []
        self._status = self._hint
        self._jump = False
        # the text a recall put in the box: its Input.Changed is not the user editing
        self._recalled: str | None = None

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

    @property
    def listed(self) -> list[SearchResult]:
        """The results shown, in order (the reader steps through them with `.` and `,`)."""
        return [row.result for row in self.rows]

    @property
    def _hint(self) -> str:
        return HINT_HISTORY if self.history.entries else HINT

    # -- lifecycle ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.results.can_focus = False  # focus stays in the input; the arrows move the list
        self.controller.subscribe(self)
        self.controller.start(self.app)
        self.progress_bar.display = not self.controller.ready and self.controller.error is None
        self.progress_bar.update(progress=self.controller.progress)
        self._show_scope()
        self._set_status(self._hint)
        self.input.focus()

    def on_unmount(self) -> None:
        self.controller.unsubscribe(self)

    # -- the query ------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self._recalled:
            self.history.stop()  # edited: ↑ starts again from the newest query
        self._recalled = None
        self._run_query()

    def _run_query(self) -> None:
        text = self.input.value
        if not text.strip():
            self._show([], status=self._hint)
            return
        label = parse_jump(text)
        if label is not None:
            self._find_jumps(text, label)
        elif self.controller.error is not None:
            self._show([], status=f"Search unavailable: {self.controller.error}")
        else:
            if not self.controller.ready:
                self._set_status("Indexing the documents… results appear when ready")
            self.controller.query(text, self.scope)

    @work(thread=True, exclusive=True, group="search-jump", exit_on_error=False)
    def _find_jumps(self, text: str, label: str) -> None:
        """`#45`: that paragraph in this document, then in the others (a scan of the corpus,
        so in a worker; a newer keystroke cancels it)."""
        worker = get_current_worker()
        here = (self.doc_id, self.near_n) if self.doc_id else None
        targets = list(jump_targets(self.controller.corpus, label, here,
                                    lambda: worker.is_cancelled))
        # every document may have a ¶1: count them all, list as many as a search shows
        rows = [
            _Row(SearchResult(doc.id, n, text), doc.title, p.section, p.label, p.text)
            for doc, n in targets[: self.controller.limit]
            for p in (doc.paragraph(n),)
        ]
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_jumps, text, label, rows, len(targets))

    def _show_jumps(self, text: str, label: str, rows: list[_Row], found: int) -> None:
        if text != self.input.value:
            return  # typed on meanwhile
        here = sum(1 for row in rows if row.result.doc == self.doc_id)
        status = jump_status(label, here, found - here, len(rows) - here)
        self._show(rows, status=status, jump=True)

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
        return option_row_width(self.results, self.app.size.width - 14)

    def _row_text(self, row: _Row, width: int, jump: bool) -> Text:
        # a long title gives way to the place, down to half the row
        title = Text(("→ " if jump else "") + displayable(row.title), style="bold")
        room = width - min(title.cell_len, width // 2) - 2
        place = Text(
            place_in(row.section, plain_locator(row.label, row.result.n), row.title, room),
            style=self.get_component_rich_style("search-screen--place"),
        )
        title.truncate(max(width // 2, width - place.cell_len - 2), overflow="ellipsis")
        head = Text.assemble(title, "  ", place)
        head.truncate(width, overflow="ellipsis")
        match = self.get_component_rich_style("search-screen--match")
        body = excerpt(row.text, row.result.spans, width, match)
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

    def action_up(self) -> None:
        """The result above; from the first one (or with none listed), an older query."""
        if self.rows and (self.results.highlighted or 0) > 0:
            self.results.action_cursor_up()
        else:
            self.action_older()

    def action_down(self) -> None:
        """The result below; with none listed while going through the history, a newer
        query."""
        if self.rows:
            self.results.action_cursor_down()
        elif self.history.browsing:
            self.action_newer()

    def action_older(self) -> None:
        self._recall(self.history.older(self.input.value))

    def action_newer(self) -> None:
        self._recall(self.history.newer())

    def _recall(self, query: str | None) -> None:
        if query is None:
            self.app.bell()
            return
        self._recalled = query
        self.input.value = query
        self.input.cursor_position = len(query)

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
        self.history.add(self.input.value)
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
            self.history.add(self.input.value)
            self.dismiss(result)
