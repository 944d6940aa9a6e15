"""The glue between the reader and the notes store: keys in, screens up, writes in the background.

The reader calls `toggle_bookmark`, `edit_note`, `open_bookmarks`, `open_export` and
`marks`; this module owns every store access the app makes. Store writes can wait up to
15 s for another program's lock, so they run in a thread worker, one after another in the
order they were asked for (a toggle then a note must not land the other way round). After
each change the controller re-reads the file (picking up other programs' changes too),
refreshes its cache of marks and posts `BookmarksChanged` to `target` (the reader screen).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump

from igtui.app.screens.bookmarks import BookmarksScreen, Refreshed, describe_place, place
from igtui.app.screens.export_dialog import ExportScreen
from igtui.app.screens.note_editor import NoteEditorScreen
from igtui.corpus.model import Corpus, Document
from igtui.notes.records import Bookmark, reanchor
from igtui.notes.store import NotesStore, NotesWriteError
from igtui.reading.citation import DEFAULT_STYLE, StyleId

T = TypeVar("T")
# what a finished job has to tell the UI thread
Report = Callable[[], None]


@dataclass
class BookmarksChanged(Message):
    """Bookmarks changed in `doc_id` (None: possibly in any document, e.g. after a load)."""

    doc_id: str | None


class NotesController:
    def __init__(
        self,
        app: App[Any],
        corpus: Corpus,
        store: NotesStore,
        *,
        target: MessagePump | None = None,
        export_path: Path | None = None,
    ) -> None:
        self.app = app
        self.corpus = corpus
        self.store = store
        # messages bubble up, never down: posted to the app, they would not reach the reader
        self.target = target
        self.export_path = export_path
        # the re-anchored bookmarks and their marks as of the last read; UI thread only
        self.bookmarks: list[Bookmark] = []
        self._marks: dict[str, frozenset[int]] = {}
        self.loaded = False
        self._loading = False
        self._shown_warnings: set[str] = set()
        # the job queue, shared with the worker thread
        self._jobs: deque[Callable[[], Report]] = deque()
        self._jobs_lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._draining = False
        self._closed = False

    # -- what the reader calls --------------------------------------------------------------

    def marks(self, doc_id: str) -> frozenset[int]:
        """The `n`s of the bookmarked paragraphs of `doc_id`. Empty until the first read
        lands (started here if need be), which then posts BookmarksChanged(None)."""
        if not self.loaded:
            self.load()
        return self._marks.get(doc_id, frozenset())

    def all_marks(self) -> Mapping[str, frozenset[int]]:
        """`marks` for every document that has any (for the tree)."""
        if not self.loaded:
            self.load()
        return dict(self._marks)

    def load(self) -> None:
        """(Re)read the notes file in the background, then post BookmarksChanged(None);
        shows the store's warnings (e.g. a backup made). Also picks up other programs'
        changes, e.g. `igtui notes add` in another terminal."""
        if not self._loading:
            self._loading = True
            self._run(lambda: None, self._load_done)

    def _load_done(self, _: None) -> None:
        self._loading = False

    def toggle_bookmark(self, doc_id: str, n: int) -> None:
        doc = self.corpus.document(doc_id)

        paragraph = doc.paragraph(n)
        where = describe_place(paragraph.section, paragraph.label, n)

        def done(added: Bookmark | None) -> None:
            what = "Bookmarked" if added else "Bookmark removed"
            self.app.notify(f"{what}: {doc.title} · {where}", timeout=2, markup=False)

        self._run(lambda: self.store.toggle(doc, n), done, doc_id=doc_id)

    def edit_note(self, doc_id: str, n: int) -> None:
        """Open the editor on paragraph `n`'s note; saving it also bookmarks the paragraph."""
        doc = self.corpus.document(doc_id)

        def opened(existing: Bookmark | None) -> None:
            note = existing.note if existing else ""
            self._open_editor(doc, n, note, saved=note, error=None)

        # read in the queue, so that a note saved a moment ago is the one shown
        self._run(lambda: self.store.find(doc, n), opened, reload=False)

    def open_bookmarks(self, on_jump: Callable[[str, int], None]) -> None:
        def jump(target: tuple[str, int] | None) -> None:
            if target is not None:
                on_jump(*target)

        def show(_: None) -> None:
            self.app.push_screen(BookmarksScreen(self.bookmarks, self.corpus, self), jump)

        self._run(lambda: None, show)

    def open_export(self, style: StyleId = DEFAULT_STYLE) -> None:
        self.app.push_screen(
            ExportScreen(self.corpus, self.store.load, path=self.export_path, style=style)
        )

    # -- what the bookmarks list calls (its BookmarkActions) -------------------------------

    def edit_bookmark_note(self, bookmark: Bookmark, done: Refreshed) -> None:
        self._open_bookmark_editor(bookmark, bookmark.note, error=None, done=done)

    def delete_bookmark(self, bookmark: Bookmark, done: Refreshed) -> None:
        self._run(
            lambda: self.store.remove(bookmark.id),
            lambda _: done(self.bookmarks),
            doc_id=bookmark.doc,
        )

    # -- the note editor: reopened with the typed text when saving fails -------------------

    def _open_editor(
        self, doc: Document, n: int, text: str, *, saved: str, error: str | None
    ) -> None:
        paragraph = doc.paragraph(n)
        heading = f"{doc.title} · {describe_place(paragraph.section, paragraph.label, n)}"

        def closed(result: str | None) -> None:
            if result is None:
                return
            self._run(
                lambda: self._save_paragraph_note(doc, n, result),
                lambda _: self.app.notify(
                    f"Note saved: {doc.title}, paragraph {n}", timeout=2, markup=False
                ),
                doc_id=doc.id,
                failed=lambda err: self._open_editor(doc, n, result, saved=saved, error=err),
            )

        editor = NoteEditorScreen(paragraph.text, text, heading=heading, saved=saved, error=error)
        self.app.push_screen(editor, closed)

    def _save_paragraph_note(self, doc: Document, n: int, note: str) -> Bookmark:
        # `add` keeps an existing note when given an empty one: clearing it needs update_note
        bookmark = self.store.add(doc, n, note)
        if bookmark.note != note:
            bookmark = self.store.update_note(bookmark.id, note) or bookmark
        return bookmark

    def _open_bookmark_editor(
        self, bookmark: Bookmark, text: str, *, error: str | None, done: Refreshed
    ) -> None:
        heading = f"{bookmark.doc_title or bookmark.doc} · {place(bookmark)}"

        def closed(result: str | None) -> None:
            if result is None:
                return
            self._run(
                lambda: self._save_bookmark_note(bookmark, result),
                lambda _: done(self.bookmarks),
                doc_id=bookmark.doc,
                failed=lambda err: self._open_bookmark_editor(
                    bookmark, result, error=err, done=done
                ),
            )

        editor = NoteEditorScreen(
            bookmark.quote, text, heading=heading, saved=bookmark.note, error=error
        )
        self.app.push_screen(editor, closed)

    def _save_bookmark_note(self, bookmark: Bookmark, note: str) -> Bookmark:
        saved = self.store.update_note(bookmark.id, note)
        if saved is not None:
            return saved
        # deleted meanwhile by another igtui: bookmark the paragraph again rather than drop
        # the note; a detached bookmark has no paragraph to go back to
        doc = self._document(bookmark.doc)
        if bookmark.detached or doc is None:
            raise NotesWriteError("this bookmark was deleted meanwhile; the note was not saved")
        return self._save_paragraph_note(doc, bookmark.n, note)

    def _document(self, doc_id: str) -> Document | None:
        try:
            return self.corpus.document(doc_id)
        except KeyError:
            return None

    # -- the job queue ----------------------------------------------------------------------

    def close(self) -> None:
        """Run the writes still queued, here and now, and stop calling back into the UI.

        Call it as the app exits (the reader's `on_unmount`): a note saved just before
        quitting must land even if its worker was cancelled before it started.
        """
        self._closed = True
        while self._run_next() is not None:
            pass

    def _run(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        *,
        reload: bool = True,
        doc_id: str | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Queue `job` for the worker thread; after it, re-read the bookmarks (if `reload`),
        then call `done` with its result, or `failed` with the error, in the UI thread."""

        def task() -> Report:
            try:
                result = job()
                fresh = reanchor(self.store.load(), self.corpus) if reload else None
            except NotesWriteError as err:
                return partial(self._failed, str(err), failed)
            return partial(self._landed, fresh, doc_id, done, result)

        with self._jobs_lock:
            self._jobs.append(task)
            if self._draining:
                return
            self._draining = True
        self.app.run_worker(self._drain, thread=True, group="notes", name="notes store")

    def _drain(self) -> None:
        while (report := self._run_next()) is not None:
            self._deliver(report)

    def _run_next(self) -> Report | None:
        """Run the next job's store part (None when there is none); it returns its report.

        `_run_lock` keeps the jobs in order even when `close` drains alongside a worker;
        reports are delivered outside it, so a worker waiting on the UI thread never holds
        up a `close` running in that UI thread.
        """
        with self._run_lock:
            with self._jobs_lock:
                if not self._jobs:
                    self._draining = False
                    return None
                task = self._jobs.popleft()
            try:
                return task()
            except BaseException:
                with self._jobs_lock:
                    self._draining = False
                raise

    def _deliver(self, report: Report) -> None:
        """Hand a job's report to the UI thread, unless the app is gone or going."""
        if self._closed or not self.app.is_running:
            return
        try:
            self.app.call_from_thread(self._report, report)
        except RuntimeError:
            # the app stopped between the check and the call: nobody is left to tell
            if self.app.is_running:
                raise

    def _report(self, report: Report) -> None:
        if not self._closed:
            report()

    def _landed(
        self,
        fresh: list[Bookmark] | None,
        doc_id: str | None,
        done: Callable[[T], None],
        result: T,
    ) -> None:
        if fresh is not None:
            self._set_bookmarks(fresh)
        self._show_warnings()
        done(result)
        if fresh is not None:
            self._post(BookmarksChanged(doc_id))

    def _failed(self, message: str, failed: Callable[[str], None] | None) -> None:
        self._show_warnings()
        self.app.notify(
            message, title="Notes not saved", severity="error", timeout=10, markup=False
        )
        if failed is not None:
            failed(message)

    def _set_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        self.bookmarks = bookmarks
        marks: dict[str, set[int]] = {}
        for b in bookmarks:
            if not b.detached:
                marks.setdefault(b.doc, set()).add(b.n)
        self._marks = {doc: frozenset(ns) for doc, ns in marks.items()}
        self.loaded = True

    def _show_warnings(self) -> None:
        for warning in self.store.warnings:
            if warning not in self._shown_warnings:
                self._shown_warnings.add(warning)
                self.app.notify(warning, severity="warning", timeout=15, markup=False)

    def _post(self, message: Message) -> None:
        (self.target or self.app).post_message(message)
