"""The reader screen: document tree, paragraph pane, breadcrumb and footer.

The screen owns the reading position; `goto(doc_id, n)` is the one way to move it, used by
the keys, the mouse, the command palette, search results and bookmarks. `jump(doc_id, n)` is
`goto` for moves ctrl+o can come back from (everything but j/k and paging).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from igtui.app.bindings import READER, bindings
from igtui.app.messages import CitationStyleChosen, GotoParagraph, ReadingMoved
from igtui.app.notes_controller import BookmarksChanged, NotesController
from igtui.app.screens.concordance import ConcordanceHit, ConcordanceScreen
from igtui.app.screens.footnotes import FootnotesScreen
from igtui.app.screens.help import HelpScreen
from igtui.app.screens.links import LinksScreen
from igtui.app.screens.search import SearchResult, SearchScreen
from igtui.app.search_controller import SearchController
from igtui.app.widgets.breadcrumb import Breadcrumb
from igtui.app.widgets.doctree import DocumentTree
from igtui.app.widgets.pane import ParagraphPane
from igtui.app.widgets.parallel import ParallelPane
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.notes.store import NotesStore
from igtui.reading.citation import DEFAULT_STYLE, STYLES, StyleId, cite
from igtui.reading.history import JumpHistory
from igtui.reading.navigation import Navigator
from igtui.reading.parallel_layout import has_pairs
from igtui.reading.references import Link, find_links, footnotes_of

MIN_WIDTH = 40
MIN_HEIGHT = 12


class ReaderScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(READER)

    def __init__(
        self,
        corpus: Corpus,
        start: tuple[str, int] | None = None,
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
        self._paired: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            yield Breadcrumb(id="breadcrumb")
            with Horizontal(id="body"):
                yield DocumentTree(self.corpus, id="tree")
                yield ParagraphPane(id="pane")
                yield ParallelPane(id="parallel")
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
    def breadcrumb(self) -> Breadcrumb:
        return self.query_one("#breadcrumb", Breadcrumb)

    # -- the reading position -----------------------------------------------------------

    def on_mount(self) -> None:
        self.notes = NotesController(self.app, self.corpus, NotesStore(), target=self)
        self.marks_for = self.notes.marks
        self.notes_for = self.notes.notes
        # notes written by another igtui (the CLI in another terminal) show up by themselves
        self.notes.watch()
        self.pane.focus()
        if self.doc_id:
            self.goto(self.doc_id, self.n)
        else:
            self.breadcrumb.update("No documents to read.")
        self._check_size()
        # jieba and the index load only after the first frame is on screen
        self.call_after_refresh(self.search.start, self.app)

    def on_unmount(self) -> None:
        self.notes.close()

    @on(BookmarksChanged)
    def _bookmarks_changed(self, message: BookmarksChanged) -> None:
        self.refresh_marks(message.doc_id)

    def goto(
        self, doc_id: str, n: int, *, top: bool = False, highlight: Sequence[str] | None = None
    ) -> None:
        """Move the reading position (tree, pane and breadcrumb follow); clamps bad input.

        `highlight`: words to mark in that paragraph (a search match) until the next
        highlight; None keeps the current one.
        """
        if not self.doc_id:
            return
        self.doc_id, self.n = self.nav.resolve(doc_id, n)
        if highlight is not None:
            self.pane.set_highlight(self.doc_id, self.n, highlight)
        doc = self.corpus.document(self.doc_id)
        if doc is not self.pane.document:
            self.pane.set_marks(self.marks_for(self.doc_id), self.notes_for(self.doc_id))
        self.pane.show(doc, self.n, top=top)
        if self.parallel_on and not self._has_pairs(doc):
            # moved on to a document without translations: back to the plain view
            self._parallel_off()
            self.notify("No translations to pair in this document: parallel view off.")
        if self.parallel_on:
            self.parallel.highlight = self.pane.highlight
            self.parallel.show(doc, self.n)
        self.doc_tree.follow(self.doc_id, self.n)
        self.breadcrumb.set_position(doc, self.nav.paragraph(self.doc_id, self.n))
        self.post_message(ReadingMoved(self.doc_id, self.n))

    def jump(
        self, doc_id: str, n: int, *, top: bool = False, highlight: Sequence[str] | None = None
    ) -> None:
        """`goto` that ctrl+o can come back from: searches, links, tree, bookmarks, g/G…"""
        if self.doc_id and self.nav.resolve(doc_id, n) != (self.doc_id, self.n):
            self.history.record((self.doc_id, self.n))
        self.goto(doc_id, n, top=top, highlight=highlight)

    def action_jump_back(self) -> None:
        self._go_to(self.history.back((self.doc_id, self.n)))

    def action_jump_forward(self) -> None:
        self._go_to(self.history.forward((self.doc_id, self.n)))

    def _go_to(self, position: tuple[str, int] | None) -> None:
        if position is None or not self.doc_id:
            self.app.bell()
        else:
            self.goto(*position)

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
        self.jump(message.doc_id, message.n)

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
        self.goto(self.doc_id, self._paged(1), top=True)

    def action_page_up(self) -> None:
        self.goto(self.doc_id, self._paged(-1), top=True)

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
        target = self.nav.index(self.doc_id).next_heading(self.n)
        self._goto_or_bell(target, top=True)

    def action_prev_section(self) -> None:
        target = self.nav.index(self.doc_id).prev_heading(self.n)
        self._goto_or_bell(target, top=True)

    def action_next_document(self) -> None:
        self._goto_document(self.nav.neighbour_document(self.doc_id, 1))

    def action_prev_document(self) -> None:
        self._goto_document(self.nav.neighbour_document(self.doc_id, -1))

    def _goto_document(self, doc_id: str | None) -> None:
        if doc_id is None:
            self.app.bell()
            return
        self.jump(doc_id, self.nav.index(doc_id).first, top=True)

    def _goto_or_bell(self, n: int | None, *, top: bool = False) -> None:
        if n is None:
            self.app.bell()
        else:
            self.jump(self.doc_id, n, top=top)

    def action_switch_focus(self) -> None:
        reading = self.parallel if self.parallel_on else self.pane
        if self.focused is reading:
            self.doc_tree.focus()
        else:
            reading.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    # -- search, bookmarks, notes, export ----------------------------------------------

    def action_search(self) -> None:
        def chosen(result: SearchResult | None) -> None:
            if result is None:
                return  # esc: the reader stays where it was
            text = self.corpus.document(result.doc).paragraph(result.n).text
            words = [text[start:end] for start, end in result.spans]
            self.last_query = result.query
            self.jump(result.doc, result.n, highlight=words)

        self.app.push_screen(SearchScreen(self.search, self.doc_id, self.n), chosen)

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

        self.app.push_screen(LinksScreen(self.document, links), chosen)

    def action_concordance(self) -> None:
        def chosen(hit: ConcordanceHit | None) -> None:
            if hit is not None:
                self.jump(hit.doc, hit.n, highlight=[hit.match])

        self.app.push_screen(ConcordanceScreen(self.corpus, self.last_query), chosen)

    def action_toggle_parallel(self) -> None:
        if self.parallel_on:
            self._parallel_off()
            self.goto(self.doc_id, self.n)
        elif self.doc_id and self._has_pairs(self.document):
            self.add_class("-parallel")
            self.parallel.focus()
            self.goto(self.doc_id, self.n)
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

    # -- terminal size --------------------------------------------------------------------

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        width, height = self.app.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
