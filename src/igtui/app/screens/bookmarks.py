"""The bookmarks list: jump to, edit or delete a bookmark (`u` brings a deleted one back); `/`
filters as you type. Every text in it (titles, quotes, notes) went through
`igtui.reading.display`: shown, never obeyed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from igtui.app.bindings import BOOKMARKS, bindings
from igtui.app.screens.confirm import ConfirmScreen
from igtui.app.widgets.wrapped import fit_lines, option_row_width
from igtui.corpus.model import Corpus, Document
from igtui.notes.export import bookmark_locator, section_and_label, status_note
from igtui.notes.records import Bookmark, reading_order
from igtui.reading.display import displayable
from igtui.reading.textfit import fit_middle

# a list row shows the start of a long quote or note, not all of it
EXCERPT_CHARS = 120
# ... in up to this many lines, broken as the pane breaks them
QUOTE_LINES = 2

Refreshed = Callable[[Sequence[Bookmark]], None]


class BookmarkActions(Protocol):
    """What the list needs from whoever owns the store (the NotesController).

    Both run the write in the background and call `done` with the fresh, re-anchored list.
    """

    def edit_bookmark_note(self, bookmark: Bookmark, done: Refreshed) -> None: ...

    def delete_bookmark(self, bookmark: Bookmark, done: Refreshed) -> None: ...

    def undo_delete(self, done: Refreshed) -> None: ...


def document_of(bookmark: Bookmark, corpus: Corpus) -> Document | None:
    try:
        return corpus.document(bookmark.doc)
    except KeyError:
        return None


def doc_title(bookmark: Bookmark, corpus: Corpus) -> str:
    doc = document_of(bookmark, corpus)
    return doc.title if doc is not None else bookmark.doc_title or bookmark.doc


def first_line(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first non-blank line of `text`, cut to `limit` characters, safe to show."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    line = displayable(line)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def place_in(section: Sequence[str], locator: str, title: str, width: int) -> str:
    """Section path and the paragraph's locator, e.g. `第一章 › 总则 · 第三条`, in `width`
    cells: the path is cut in its middle, the locator always shows; a section named as the
    document's `title` (shown beside it) is left out. Made safe for display."""
    where = displayable(locator)
    path = displayable(section_and_label(section, None, title))
    if not path:
        return where
    tail = f" · {where}"
    return fit_middle(path, max(1, width - cell_len(tail))) + tail


def place(bookmark: Bookmark, corpus: Corpus | None = None, width: int = 10**6) -> str:
    """Where a bookmark is, in `width` cells (`place_in`): its section path and its
    paragraph's locator, as the reader shows it and the CLI takes it (¶51, 第37条, @12)."""
    doc = document_of(bookmark, corpus) if corpus is not None else None
    title = doc.title if doc is not None else bookmark.doc_title
    return place_in(bookmark.section, bookmark_locator(bookmark, doc), title, width)


def matches(bookmark: Bookmark, title: str, needle: str, corpus: Corpus | None = None) -> bool:
    if not needle:
        return True
    fields = (bookmark.quote, bookmark.note, title, place(bookmark, corpus), bookmark.doc)
    return needle.casefold() in "\n".join(fields).casefold()


def entry_text(
    bookmark: Bookmark, title: str, width: int, corpus: Corpus | None = None
) -> Text:
    """A list row, each line at most `width` cells: title and place, the quote in up to
    `QUOTE_LINES` lines broken as the pane breaks them, the note's first line. Built from Text
    parts of displayable text: document and user text never act as markup nor reach the
    terminal as control sequences."""
    head = Text()
    if bookmark.absent:
        head.append("not open · ", style="bold yellow")
    elif bookmark.detached:
        head.append("detached · ", style="bold red")
    # the title gives way to the place (its locator always shows), down to half the row
    shown = Text(displayable(title), style="bold")
    room = max(width, 10) - head.cell_len - min(shown.cell_len, max(width, 10) // 2) - 2
    where = Text(place(bookmark, corpus, room), style="italic")
    shown.truncate(max(width // 2, max(width, 10) - head.cell_len - where.cell_len - 2),
                   overflow="ellipsis")
    head.append_text(shown)
    head.append("  ")
    head.append_text(where)
    quote = fit_lines(Text(f"“{first_line(bookmark.quote)}”"), max(width, 10) - 2, QUOTE_LINES)
    lines = [head, *(Text("  ") + line for line in quote.split("\n"))]
    status = status_note(bookmark)
    if bookmark.absent:
        lines.append(Text(f"  {status} (open its folder to read it)", style="yellow"))
    elif bookmark.detached:
        lines.append(Text("  its text is no longer in the document", style="red"))
    note = first_line(bookmark.note)
    if note:
        lines.append(Text.assemble("  ✎ ", (note, "green")))
    for line in lines:
        line.truncate(max(width, 10), overflow="ellipsis")
    return Text("\n").join(lines)


class BookmarksScreen(ModalScreen[tuple[str, int] | None]):
    """Dismissed with (doc_id, n) to jump there, or None."""

    DEFAULT_CSS = """
    BookmarksScreen { align: center middle; }
    BookmarksScreen > #bookmarks-box {
        width: 90%; height: 85%; border: thick $primary; background: $surface;
    }
    BookmarksScreen #bookmarks-list { height: 1fr; border: none; }
    BookmarksScreen #bookmarks-filter { margin: 0 1; }
    BookmarksScreen #bookmarks-status { color: $text-muted; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(BOOKMARKS)

    def __init__(
        self, bookmarks: Sequence[Bookmark], corpus: Corpus, actions: BookmarkActions
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.actions = actions
        self.bookmarks = reading_order(bookmarks, corpus)
        self.shown: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield Input(placeholder="/ filter by quote, note or title", id="bookmarks-filter")
            yield OptionList(id="bookmarks-list")
            yield Static(id="bookmarks-status")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#bookmarks-list", OptionList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#bookmarks-filter", Input)

    def on_mount(self) -> None:
        self._rebuild()
        self.option_list.focus()

    def set_bookmarks(self, bookmarks: Sequence[Bookmark]) -> None:
        """Show a fresh list (after an edit or delete), keeping the filter and position."""
        if not self.is_attached:
            return  # closed while the change was being saved
        self.bookmarks = reading_order(bookmarks, self.corpus)
        self._rebuild()

    def _rebuild(self) -> None:
        listing = self.option_list
        keep = self.selected
        needle = self.filter_input.value.strip()
        titled = [(b, doc_title(b, self.corpus)) for b in self.bookmarks]
        shown = [(b, title) for b, title in titled if matches(b, title, needle, self.corpus)]
        self.shown = [b for b, _ in shown]
        width = option_row_width(listing, self.app.size.width - 12)
        rows: list[Option | None] = []
        for b, title in shown:
            rows += [Option(entry_text(b, title, width, self.corpus), id=b.id), None]
        listing.set_options(rows[:-1])
        if self.shown:
            ids = [b.id for b in self.shown]
            listing.highlighted = ids.index(keep.id) if keep is not None and keep.id in ids else 0
        self._update_status(needle)

    def _update_status(self, needle: str) -> None:
        total = len(self.bookmarks)
        if not total:
            status = "No bookmarks yet: press b on a paragraph to add one."
        elif needle:
            status = f"{len(self.shown)} of {total} bookmarks match"
        else:
            status = f"{total} bookmark{'s' if total != 1 else ''}"
        keys = "enter jump · n note · d delete · u undo · / filter · esc close"
        self.query_one("#bookmarks-status", Static).update(Text(f"{status}   {keys}"))

    @property
    def selected(self) -> Bookmark | None:
        option = self.option_list.highlighted_option
        if option is None:
            return None
        return next((b for b in self.shown if b.id == option.id), None)

    def on_resize(self) -> None:
        # rows are cut to the list's width
        self._rebuild()

    @on(Input.Changed, "#bookmarks-filter")
    def _filter_changed(self) -> None:
        self._rebuild()

    @on(Input.Submitted, "#bookmarks-filter")
    def _filter_done(self) -> None:
        self.option_list.focus()

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        bookmark = self.selected
        if bookmark is None:
            return
        if document_of(bookmark, self.corpus) is None:
            self.notify(
                displayable(f"{bookmark.doc} is not among the documents open now: open its "
                            "folder to read it."),
                severity="warning",
                markup=False,
            )
            return
        if bookmark.detached:
            self.notify(
                "This bookmark is detached (its text is no longer in the document): "
                "showing where it was.",
                severity="warning",
                markup=False,
            )
        self.dismiss((bookmark.doc, bookmark.n))

    def action_move(self, step: int) -> None:
        listing = self.option_list
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_close(self) -> None:
        if self.focused is self.filter_input:
            self.option_list.focus()
        else:
            self.dismiss(None)

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_edit_note(self) -> None:
        bookmark = self.selected
        if bookmark is not None:
            self.actions.edit_bookmark_note(bookmark, self.set_bookmarks)

    def action_delete(self) -> None:
        bookmark = self.selected
        if bookmark is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.actions.delete_bookmark(bookmark, self.set_bookmarks)

        title = doc_title(bookmark, self.corpus)
        question = (
            f"Delete the bookmark on {title}, {place(bookmark, self.corpus)}?\n"
            f"“{first_line(bookmark.quote)}”"
        )
        if bookmark.note.strip():
            question += f"\nIts note will be deleted too:\n✎ {first_line(bookmark.note)}"
        question += "\n(u brings it back)"
        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    def action_undo(self) -> None:
        self.actions.undo_delete(self.set_bookmarks)
