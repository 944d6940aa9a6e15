"""The reader screen: document tree, paragraph pane, status line and footer.

The screen owns the reading position; `goto(doc_id, n)` is the one way to move it, used by
the keys, the mouse, the command palette, search results and bookmarks. `jump(doc_id, n)` is
`goto` for moves ctrl+o can come back from (everything but j/k and paging); a jump lands its
paragraph near the top of the pane. Each document remembers where it was read last
(`open_document`), and the reading comfort settings (the measure, the tree's width, recent
queries) live in the `ReadingState` the app saves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from igtui.app.bindings import READER, bindings
from igtui.app.messages import (
    CitationStyleChosen,
    GotoParagraph,
    OpenDocument,
    ReadingMoved,
    StateChanged,
)
from igtui.app.notes_controller import BookmarksChanged, NotesController
from igtui.app.search_controller import SearchController
from igtui.app.widgets.doctree import DocumentTree
from igtui.app.widgets.line_pane import Placement
from igtui.app.widgets.pane import ParagraphPane
from igtui.app.widgets.parallel import ParallelPane
from igtui.app.widgets.status_line import StatusLine
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.notes.store import NotesStore
from igtui.reading.citation import DEFAULT_STYLE, STYLES, StyleId, cite
from igtui.reading.display import displayable
from igtui.reading.history import JumpHistory
from igtui.reading.hitlist import Found, HitList
from igtui.reading.navigation import Navigator
from igtui.reading.parallel_layout import has_pairs
from igtui.reading.progress import Progress
from igtui.reading.references import Link, find_links, footnotes_of
from igtui.search.history import QueryHistory
from igtui.storage import ReadingState

if TYPE_CHECKING:
    from igtui.app.screens.concordance import ConcordanceHit
    from igtui.app.screens.search import SearchResult

MIN_WIDTH = 40
MIN_HEIGHT = 12
# the measure: the widest line of text, in cells (80 cells hold 40 Chinese characters)
DEFAULT_MEASURE = 80
MIN_MEASURE = 24
MEASURE_STEP = 8
# the tree's width in cells, when the reader sets it (`<` `>`)
MIN_TREE = 12
TREE_STEP = 4
# the pane keeps at least this many cells beside a widened tree
MIN_PANE = 24
EMPTY = (
    "No documents to read.\n\nigtui found nothing it could read in the files and folders it "
    "was given. Open others with: igtui PATH ..."
)


class ReaderScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(READER)

    def __init__(
        self,
        corpus: Corpus,
        start: tuple[str, int] | None = None,
        state: ReadingState | None = None,
        *,
        citation_style: StyleId = DEFAULT_STYLE,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        # the style of the reference `y` copies and the export dialog starts with
        self.citation_style: StyleId = citation_style
        self.nav = Navigator(corpus)
        self.doc_id, self.n = self.nav.resolve(*start) if start else self.nav.start()
        # the bookmarked `n`s of a document (from the notes controller once mounted)
        self.marks_for: Callable[[str], frozenset[int]] = lambda _doc_id: frozenset()
        # and the notes of those that have one, by `n` (✎ in the gutter, shown with `N`)
        self.notes_for: Callable[[str], Mapping[int, str]] = lambda _doc_id: {}
        self.search = SearchController(corpus)
        self.history = JumpHistory()
        # the query of the last search hit followed: the concordance starts from it
        self.last_query = ""
        # the matches `.` and `,` step through (after a search or concordance choice)
        self.hits: HitList | None = None
        self.state = state if state is not None else ReadingState()
        # where each document was read last (the state's own dict: saved with it)
        self.places = self.state.documents.setdefault(corpus.key, {})
        self.queries = QueryHistory(self.state.search_history)
        self._paired: dict[str, bool] = {}
        self._progress: dict[str, Progress] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            with Horizontal(id="body"):
                yield DocumentTree(self.corpus, id="tree")
                yield ParagraphPane(id="pane")
                yield ParallelPane(id="parallel")
                yield Static(Text(EMPTY), id="empty")
            yield StatusLine(id="status")
            yield Footer()
        yield Static(
            f"Terminal too small: igtui needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            id="too-small",
        )

    # -- typed accessors ----------------------------------------------------------------

    @property
    def doc_tree(self) -> DocumentTree:
        return self.query_one("#tree", DocumentTree)

    @property
    def pane(self) -> ParagraphPane:
        return self.query_one("#pane", ParagraphPane)

    @property
    def parallel(self) -> ParallelPane:
        return self.query_one("#parallel", ParallelPane)

    @property
    def parallel_on(self) -> bool:
        """Whether the side-by-side view of translations is showing (`t`)."""
        return self.has_class("-parallel")

    @property
    def document(self) -> Document:
        return self.corpus.document(self.doc_id)

    @property
    def paragraph(self) -> Paragraph:
        return self.document.paragraph(self.n)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def measure(self) -> int:
        """The widest line of text in cells (the reader's setting, else the default)."""
        return self.state.measure or DEFAULT_MEASURE

    # -- the reading position -----------------------------------------------------------

    def on_mount(self) -> None:
        self.notes = NotesController(self.app, self.corpus, NotesStore(), target=self)
        self.marks_for = self.notes.marks
        self.notes_for = self.notes.notes
        # notes written by another igtui (the CLI in another terminal) show up by themselves
        self.notes.watch()
        self.pane.measure = self.parallel.measure = self.measure
        self._apply_tree_width()
        self.pane.focus()
        if self.doc_id:
            self.goto(self.doc_id, self.n, place="jump")
        else:
            self.add_class("-empty")
            errors = [Text(displayable(line)) for line in self.corpus.errors[:10]]
            self.query_one("#empty", Static).update(Text("\n").join([Text(EMPTY), *errors]))
            self.status.show(Text("No documents to read."))
        self._check_size()
        # jieba and the index load only after the first frame is on screen
        self.call_after_refresh(self.search.start, self.app)

    def on_unmount(self) -> None:
        self.notes.close()

    @on(BookmarksChanged)
    def _bookmarks_changed(self, message: BookmarksChanged) -> None:
        self.refresh_marks(message.doc_id)

    def goto(
        self,
        doc_id: str,
        n: int,
        *,
        place: Placement = "nearest",
        highlight: Sequence[str] | None = None,
    ) -> None:
        """Move the reading position (tree, pane and status line follow); clamps bad input.

        `place`: how the pane brings the paragraph into view. `highlight`: words to mark in
        that paragraph (a search match) until the next highlight; None keeps the current one.
        """
        if not self.doc_id:
            return
        self.doc_id, self.n = self.nav.resolve(doc_id, n)
        self.places[self.doc_id] = self.n
        if highlight is not None:
            self.pane.set_highlight(self.doc_id, self.n, highlight)
        doc = self.corpus.document(self.doc_id)
        if doc is not self.pane.document:
            self.pane.set_marks(self.marks_for(self.doc_id), self.notes_for(self.doc_id))
        self.pane.show(doc, self.n, place=place)
        if self.parallel_on and not self._has_pairs(doc):
            # moved on to a document without translations: back to the plain view
            self._parallel_off()
            self.notify("No translations to pair in this document: parallel view off.")
        if self.parallel_on:
            self.parallel.highlight = self.pane.highlight
            self.parallel.show(doc, self.n, place=place)
        self.doc_tree.follow(self.doc_id, self.n)
        self._show_status()
        self.post_message(ReadingMoved(self.doc_id, self.n))

    def jump(
        self,
        doc_id: str,
        n: int,
        *,
        place: Placement = "jump",
        highlight: Sequence[str] | None = None,
    ) -> None:
        """`goto` that ctrl+o can come back from (searches, links, tree, bookmarks, g/G…);
        the paragraph lands near the top of the pane, a little context above it."""
        if self.doc_id and self.nav.resolve(doc_id, n) != (self.doc_id, self.n):
            self.history.record((self.doc_id, self.n))
        self.goto(doc_id, n, place=place, highlight=highlight)

    def open_document(self, doc_id: str) -> None:
        """Jump to `doc_id` where it was read last (its start if never, or if it is the one
        being read: opening it again means going to its top)."""
        start = self.nav.index(doc_id).first
        n = start if doc_id == self.doc_id else self.places.get(doc_id, start)
        self.jump(doc_id, n)

    def _show_status(self) -> None:
        doc, paragraph = self.document, self.paragraph
        progress = self._progress.get(doc.id)
        if progress is None:
            progress = self._progress[doc.id] = Progress.of(doc)
        match = ""
        hits = self.hits
        if hits is not None and (hits.current.doc, hits.current.n) == (self.doc_id, self.n):
            match = f"match {hits.index + 1}/{len(hits)}"
        self.status.set_position(doc, paragraph, progress, match)

    def action_jump_back(self) -> None:
        self._go_to(self.history.back((self.doc_id, self.n)))

    def action_jump_forward(self) -> None:
        self._go_to(self.history.forward((self.doc_id, self.n)))

    def _go_to(self, position: tuple[str, int] | None) -> None:
        if position is None or not self.doc_id:
            self.app.bell()
        else:
            self.goto(*position, place="jump")

    def refresh_marks(self, doc_id: str | None = None) -> None:
        """Re-read bookmark marks from `marks_for` for `doc_id` (None: every document)."""
        ids = [doc_id] if doc_id else [d.id for d in self.corpus.documents]
        for each in ids:
            self.doc_tree.set_marks(each, self.marks_for(each))
        if self.doc_id in ids:
            self.pane.set_marks(self.marks_for(self.doc_id), self.notes_for(self.doc_id))

    @on(GotoParagraph)
    def _on_goto(self, message: GotoParagraph) -> None:
        message.stop()
        self.jump(message.doc_id, message.n, place="nearest" if message.clicked else "jump")

    @on(OpenDocument)
    def _on_open(self, message: OpenDocument) -> None:
        message.stop()
        self.open_document(message.doc_id)

    # -- movement actions ---------------------------------------------------------------

    def action_next_paragraph(self) -> None:
        self.goto(self.doc_id, self._stepped(1))

    def action_prev_paragraph(self) -> None:
        self.goto(self.doc_id, self._stepped(-1))

    def _stepped(self, delta: int) -> int:
        """The paragraph `delta` away; if the reader scrolled the current one out of view
        with the mouse, the one at the top of the view instead."""
        if self.parallel_on:
            return self.parallel.step(self.n, delta)
        origin = self.n if self.pane.is_visible(self.n) else self.pane.first_visible() or self.n
        return self.nav.index(self.doc_id).step(origin, delta if origin == self.n else 0)

    def action_page_down(self) -> None:
        self.goto(self.doc_id, self._paged(1), place="top")

    def action_page_up(self) -> None:
        self.goto(self.doc_id, self._paged(-1), place="top")

    def _paged(self, direction: int) -> int:
        if self.parallel_on:
            target = self.parallel.page_target(self.n, direction)
            return target if target != self.n else self.parallel.step(self.n, direction)
        target = self.pane.page_target(self.n, direction)
        if target == self.n:
            # a paragraph taller than the page: still move, or space would do nothing
            target = self.nav.index(self.doc_id).step(self.n, direction)
        return target

    def action_first_paragraph(self) -> None:
        self.jump(self.doc_id, self.nav.index(self.doc_id).first)

    def action_last_paragraph(self) -> None:
        self.jump(self.doc_id, self.nav.index(self.doc_id).last)

    def action_next_section(self) -> None:
        self._goto_or_bell(self.nav.index(self.doc_id).next_heading(self.n))

    def action_prev_section(self) -> None:
        self._goto_or_bell(self.nav.index(self.doc_id).prev_heading(self.n))

    def action_next_document(self) -> None:
        self._goto_document(self.nav.neighbour_document(self.doc_id, 1))

    def action_prev_document(self) -> None:
        self._goto_document(self.nav.neighbour_document(self.doc_id, -1))

    def _goto_document(self, doc_id: str | None) -> None:
        if doc_id is None:
            self.app.bell()
        else:
            self.open_document(doc_id)

    def _goto_or_bell(self, n: int | None) -> None:
        if n is None:
            self.app.bell()
        else:
            self.jump(self.doc_id, n)

    def action_switch_focus(self) -> None:
        reading = self.parallel if self.parallel_on else self.pane
        if self.zen:
            self._set_zen(False)  # the tree is where tab goes: bring it back
            self.doc_tree.focus()
        elif self.focused is reading:
            self.doc_tree.focus()
        else:
            reading.focus()

    # The screens below are imported when first opened, for start-up speed: the first frame
    # needs none of them, and together they are a third of igtui's import time.

    def action_help(self) -> None:
        from igtui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    # -- search, bookmarks, notes, export ----------------------------------------------

    def action_search(self) -> None:
        from igtui.app.screens.search import SearchScreen

        screen = SearchScreen(self.search, self.doc_id, self.n, history=self.queries)

        def chosen(result: SearchResult | None) -> None:
            # a query typed, or recalled, is kept either way
            self.post_message(StateChanged())
            if result is None:
                return  # esc: the reader stays where it was
            self.last_query = result.query
            listed = [self._found(row) for row in screen.listed]
            self._follow(HitList.of(result.query, listed, self._found(result)))

        self.app.push_screen(screen, chosen)

    def _found(self, result: SearchResult) -> Found:
        text = self.corpus.document(result.doc).paragraph(result.n).text
        return Found(result.doc, result.n, tuple(text[s:e] for s, e in result.spans))

    def _follow(self, hits: HitList) -> None:
        """Make `hits` the matches `.` and `,` step through, and go to its current one."""
        self.hits = hits
        self.refresh_bindings()  # the footer shows the match key from now on...
        # ... in the palette hint's place, so it fits 80 columns (help lists ctrl+p)
        self.query_one(Footer).show_command_palette = False
        hit = hits.current
        self.jump(hit.doc, hit.n, highlight=hit.words)

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_prev_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, delta: int) -> None:
        if self.hits is None:
            self.app.bell()
            return
        moved = self.hits.step(delta)
        if moved is None:
            self.app.bell()
            which = "last" if delta > 0 else "first"
            self.notify(f"That was the {which} match for “{self.hits.query}”.", markup=False,
                        timeout=2)
            return
        self._follow(moved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the match keys show in the footer (and work) once there are matches to step through
        if action in ("next_hit", "prev_hit"):
            return self.hits is not None
        return True

    def action_toggle_bookmark(self) -> None:
        self.notes.toggle_bookmark(self.doc_id, self.n)

    def action_note(self) -> None:
        self.notes.edit_note(self.doc_id, self.n)

    def action_undo(self) -> None:
        self.notes.undo()

    def action_toggle_notes(self) -> None:
        self.pane.set_show_notes(not self.pane.show_notes)
        shown = "shown under their paragraphs" if self.pane.show_notes else "hidden (✎ marks them)"
        self.notify(f"Notes {shown}.", markup=False)

    def action_bookmarks(self) -> None:
        self.notes.open_bookmarks(self.jump)

    def action_export(self) -> None:
        self.notes.open_export(self.citation_style)

    # -- reading aids: citation, references, concordance, translations -------------------

    def action_cite(self) -> None:
        if not self.doc_id:
            return
        paragraph = self.paragraph
        pair = self.document.paragraph(paragraph.pair) if paragraph.pair else None
        self.app.copy_to_clipboard(cite(self.document, paragraph, pair, self.citation_style))
        what = "paragraph and translation" if pair else "paragraph"
        style = STYLES[self.citation_style].name
        self.notify(f"Copied the {what} with its citation ({style}).", markup=False)

    def choose_citation_style(self, style: StyleId) -> None:
        """The palette's choice: `y` and the export dialog cite in `style` from now on."""
        self.citation_style = style
        self.post_message(CitationStyleChosen(style))
        self.notify(f"Citations now in {STYLES[style].name}.", markup=False)

    def action_footnotes(self) -> None:
        notes = footnotes_of(self.document, self.paragraph) if self.doc_id else []
        if notes:
            from igtui.app.screens.footnotes import FootnotesScreen

            self.app.push_screen(FootnotesScreen(notes))
        else:
            self.notify("No footnotes in this paragraph.")

    def action_links(self) -> None:
        links = find_links(self.document, self.paragraph) if self.doc_id else []
        if not links:
            return
        doc_id = self.doc_id

        def chosen(link: Link | None) -> None:
            if link is not None:
                self.jump(doc_id, link.target_n)

        from igtui.app.screens.links import LinksScreen

        self.app.push_screen(LinksScreen(self.document, links), chosen)

    def action_concordance(self) -> None:
        from igtui.app.screens.concordance import ConcordanceScreen

        screen = ConcordanceScreen(self.corpus, self.last_query)

        def chosen(hit: ConcordanceHit | None) -> None:
            if hit is not None:
                listed = [Found(line.doc, line.n, (line.match,)) for line in screen.listed]
                self._follow(HitList.of(hit.term, listed, Found(hit.doc, hit.n, (hit.match,))))

        self.app.push_screen(screen, chosen)

    def action_toggle_parallel(self) -> None:
        if self.parallel_on:
            self._parallel_off()
            self.goto(self.doc_id, self.n, place="jump")
        elif self.doc_id and self._has_pairs(self.document):
            self.add_class("-parallel")
            self.parallel.focus()
            self.goto(self.doc_id, self.n, place="jump")
        else:
            self.notify("No translations to pair in this document.")

    def _parallel_off(self) -> None:
        self.remove_class("-parallel")
        if self.focused is None or self.focused is self.parallel:
            self.pane.focus()

    def _has_pairs(self, doc: Document) -> bool:
        found = self._paired.get(doc.id)
        if found is None:
            found = self._paired[doc.id] = has_pairs(doc)
        return found

    # -- the measure, the tree, zen ------------------------------------------------------

    def action_narrower(self) -> None:
        self._set_measure(self.measure - MEASURE_STEP)

    def action_wider(self) -> None:
        self._set_measure(self.measure + MEASURE_STEP)

    def _set_measure(self, cells: int) -> None:
        reading = self.parallel if self.parallel_on else self.pane
        widest = reading.max_row_width(self.measure)
        if cells < MIN_MEASURE or (
            cells > self.measure and widest >= reading.scrollable_content_region.width
        ):
            self.app.bell()  # as narrow as it goes, or already as wide as the pane
            return
        self.state.measure = cells
        self.pane.measure = self.parallel.measure = cells
        self.post_message(StateChanged())
        self.notify(f"Lines of at most {cells // 2} Chinese characters ({cells} cells).",
                    timeout=2)

    @property
    def zen(self) -> bool:
        """Whether the tree is hidden (`z`)."""
        return self.has_class("-zen")

    def action_toggle_tree(self) -> None:
        self._set_zen(not self.zen)

    def _set_zen(self, on: bool) -> None:
        if on and self.focused is self.doc_tree:
            (self.parallel if self.parallel_on else self.pane).focus()
        self.set_class(on, "-zen")

    def action_tree_narrower(self) -> None:
        self._set_tree_width(self.doc_tree.outer_size.width - TREE_STEP)

    def action_tree_wider(self) -> None:
        self._set_tree_width(self.doc_tree.outer_size.width + TREE_STEP)

    def _set_tree_width(self, cells: int) -> None:
        if self.zen:
            self._set_zen(False)
            return
        if not MIN_TREE <= cells <= self._widest_tree():
            self.app.bell()
            return
        self.state.tree_width = cells
        self._apply_tree_width()
        self.post_message(StateChanged())

    def _widest_tree(self) -> int:
        return max(MIN_TREE, self.app.size.width - MIN_PANE)

    def _apply_tree_width(self) -> None:
        """The reader's tree width, if set, as far as the terminal allows."""
        cells = self.state.tree_width
        if cells is None:
            return  # the stylesheet's: a share of the terminal
        styles = self.doc_tree.styles
        styles.width = styles.max_width = min(cells, self._widest_tree())

    # -- terminal size --------------------------------------------------------------------

    def on_resize(self) -> None:
        self._check_size()
        self._apply_tree_width()

    def _check_size(self) -> None:
        width, height = self.app.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
