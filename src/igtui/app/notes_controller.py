"""The glue between the reader and the notes store: keys in, screens up, writes in the background.

The reader calls `toggle_bookmark`, `undo`, `edit_note`, `open_bookmarks`, `open_export`,
`marks` and `notes`; this module owns every store access the app makes. Store writes can wait
up to 15 s for another program's lock, so they run in a thread worker, one after another in
the order they were asked for (a toggle then a note must not land the other way round). After
each change the controller re-reads the file (picking up other programs' changes too),
refreshes its cache of marks and posts `BookmarksChanged` to `target` (the reader screen).

A person must be able to trust what they see:

- `watch` polls the notes file's change stamp, so a note added by `igtui notes add` in another
  terminal shows up (its mark, its text) without a key press;
- `b` decides on the file as it is now, not on a stale view: a paragraph bookmarked elsewhere
  meanwhile is shown, not unbookmarked; removing a bookmark that has a note asks first, and
  only removes the note that was shown;
- every removal can be undone (`u`), in the reader and in the bookmarks list;
- the note editor saves with the note it opened on: a change made elsewhere meanwhile is
  merged, or the editor asks (keep both, or review both);
- every text shown (titles, notes, file names in warnings) goes through
  `igtui.reading.display`, and toasts never read markup.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

from igtui.corpus.model import Corpus, Document
from igtui.notes.export import section_and_label
from igtui.notes.merging import append_note
from igtui.notes.records import Bookmark, reanchor
from igtui.notes.store import ANY, NoteChanged, NotesStore, NotesWriteError, Saved, Toggled
from igtui.reading.citation import DEFAULT_STYLE, StyleId
from igtui.reading.display import displayable
from igtui.reading.locator import locator

if TYPE_CHECKING:
    from igtui.app.screens.bookmarks import Refreshed

# The notes screens (bookmarks, note editor, export, confirm) are imported where they are first
# opened, for start-up speed: the reader's first frame needs none of them.

T = TypeVar("T")
# what a finished job has to tell the UI thread
Report = Callable[[], None]
# how often the notes file is checked for other programs' changes (a stat: cheap)
WATCH_INTERVAL = 1.0
# removals that `u` can bring back
UNDO_DEPTH = 50


@dataclass
class BookmarksChanged(Message):
    """Bookmarks changed in `doc_id` (None: possibly in any document, e.g. after a load)."""

    doc_id: str | None


@dataclass(frozen=True, slots=True)
class _Target:
    """A note being edited: the bookmark it belongs to (if any) or the paragraph."""

    heading: str
    quote: str
    bookmark_id: str | None
    doc: Document | None
    n: int
    doc_id: str


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
        self._notes: dict[str, dict[int, str]] = {}
        self.loaded = False
        self._loading = False
        self._shown_warnings: set[str] = set()
        # the file's change stamp as of the last read (see `watch`)
        self._stamp: tuple[int, int, int] | None = None
        self._watch_timer: Timer | None = None
        # removed bookmarks, latest last: what `undo` puts back
        self.removed: deque[Bookmark] = deque(maxlen=UNDO_DEPTH)
        # what `b` presses still in the queue will have made of a paragraph (ANY: bookmarked,
        # None: not), so that a second `b` acts on the first one's outcome, not a stale view
        self._expected: dict[tuple[str, int], str | None] = {}
        self._toggles_queued = 0
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

    def notes(self, doc_id: str) -> Mapping[int, str]:
        """The notes of `doc_id`'s bookmarked paragraphs that have one, by `n`."""
        return self._notes.get(doc_id, {})

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

    def watch(self, interval: float = WATCH_INTERVAL) -> None:
        """Check the notes file's change stamp every `interval` seconds and re-read it when
        another program changed it: what the reader shows is what the file holds."""
        if self._watch_timer is None:
            self._watch_timer = self.app.set_interval(interval, self.check_file)

    def check_file(self) -> None:
        """Re-read the notes if the file changed since the last read (a stat, no read)."""
        if self.loaded and not self._loading and self.store.stamp() != self._stamp:
            self.load()

    def toggle_bookmark(self, doc_id: str, n: int) -> None:
        """`b`: bookmark the paragraph, or remove its bookmark (asking first if it has a
        note). Decided on the notes file as it is now, compared with what was shown."""
        doc = self._document(doc_id)
        if doc is None or not 1 <= n <= len(doc.paragraphs):
            self._nothing_open()
            return
        key = (doc_id, n)
        if key in self._expected:
            seen = self._expected[key]
        else:
            shown = self._bookmark_at(doc_id, n)
            seen = shown.id if shown is not None else None
        self._expected[key] = ANY if seen is None else None
        self._toggles_queued += 1
        # one store call: decided and done under the lock, so a `b` then `q` still lands
        self._run(
            lambda: self.store.toggle_seen(doc, n, seen),
            partial(self._toggled, doc, n),
            doc_id=doc_id,
            failed=lambda _: self._toggle_landed(),
        )

    def _toggle_landed(self) -> None:
        self._toggles_queued -= 1
        if not self._toggles_queued:
            # every `b` has landed: what is shown is the truth again
            self._expected.clear()

    def _toggled(self, doc: Document, n: int, toggled: Toggled) -> None:
        self._toggle_landed()
        what = f"{doc.title} · {self._where(doc, n)}"
        bookmark = toggled.bookmark
        if toggled.outcome == "added":
            self._say(f"Bookmarked: {what}")
        elif toggled.outcome == "removed" and bookmark is not None:
            self.removed.append(bookmark)
            self._say(f"Bookmark removed: {what} — u brings it back")
        elif toggled.outcome == "gone":
            self._say(f"Bookmark already removed (elsewhere): {what}")
        elif toggled.outcome == "already":
            # bookmarked elsewhere since the reader last looked: shown now, nothing taken away
            self._say(f"Already bookmarked (elsewhere): {what}; b again removes it")
        elif bookmark is not None:
            self._ask_remove(bookmark, what)

    def _ask_remove(self, bookmark: Bookmark, what: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(bookmark, what)

        note = bookmark.note.strip("\n").splitlines()
        shown = "\n".join(f"  {line}" for line in note[:6])
        more = "\n  …" if len(note) > 6 else ""
        question = (
            f"Remove the bookmark on {what}\nand its note?\n\n{shown}{more}\n\n"
            "(u brings it back)"
        )
        from igtui.app.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, yes="Remove", no="Keep"), answered)

    def _remove(self, bookmark: Bookmark, what: str, done: Refreshed | None = None) -> None:
        def removed(result: Bookmark | NoteChanged | None) -> None:
            if isinstance(result, NoteChanged):
                self._say(f"Not removed: the note was changed elsewhere meanwhile ({what})",
                          severity="warning")
            elif result is None:
                self._say(f"Bookmark already removed (elsewhere): {what}")
            else:
                self.removed.append(result)
                self._say(f"Bookmark removed: {what} — u brings it back")
            if done is not None:
                done(self.bookmarks)

        self._run(partial(self._pop, bookmark), removed, doc_id=bookmark.doc)

    def _pop(self, bookmark: Bookmark) -> Bookmark | NoteChanged | None:
        try:
            return self.store.pop(bookmark.id, note=bookmark.note)
        except NoteChanged as changed:
            return changed

    def undo(self, done: Refreshed | None = None) -> None:
        """`u`: put back the bookmark (and note) removed last."""
        if not self.removed:
            self._say("Nothing to undo: no bookmark was removed.")
            if done is not None:
                done(self.bookmarks)
            return
        record = self.removed.pop()

        def restored(back: Bookmark) -> None:
            self._say(f"Bookmark restored: {back.doc_title or back.doc} · {self._place(back)}")
            if done is not None:
                done(self.bookmarks)

        self._run(
            lambda: self.store.restore(record), restored, doc_id=record.doc,
            failed=lambda _: self.removed.append(record),
        )

    def edit_note(self, doc_id: str, n: int) -> None:
        """Open the editor on paragraph `n`'s note; saving it also bookmarks the paragraph."""
        doc = self._document(doc_id)
        if doc is None or not 1 <= n <= len(doc.paragraphs):
            self._nothing_open()
            return

        def opened(existing: Bookmark | None) -> None:
            note = existing.note if existing else ""
            target = _Target(
                heading=f"{doc.title} · {self._where(doc, n)}",
                quote=doc.paragraph(n).text,
                bookmark_id=existing.id if existing else None,
                doc=doc, n=n, doc_id=doc.id,
            )
            self._open_editor(target, note, base=note, error=None, done=None)

        # read in the queue, so that a note saved a moment ago is the one shown
        self._run(lambda: self.store.find(doc, n), opened, reload=False)

    def open_bookmarks(self, on_jump: Callable[[str, int], None]) -> None:
        def jump(target: tuple[str, int] | None) -> None:
            if target is not None:
                on_jump(*target)

        def show(_: None) -> None:
            from igtui.app.screens.bookmarks import BookmarksScreen

            self.app.push_screen(BookmarksScreen(self.bookmarks, self.corpus, self), jump)

        self._run(lambda: None, show)

    def open_export(self, style: StyleId = DEFAULT_STYLE) -> None:
        from igtui.app.screens.export_dialog import ExportScreen

        self.app.push_screen(
            ExportScreen(self.corpus, self.store.load, path=self.export_path, style=style)
        )

    # -- what the bookmarks list calls (its BookmarkActions) -------------------------------

    def edit_bookmark_note(self, bookmark: Bookmark, done: Refreshed) -> None:
        doc = self._document(bookmark.doc)
        usable = doc is not None and not (bookmark.detached or bookmark.absent)
        target = _Target(
            heading=self._titled_place(bookmark),
            quote=bookmark.quote,
            bookmark_id=bookmark.id,
            # deleted meanwhile: the paragraph is bookmarked again rather than the note dropped
            # (a detached bookmark has no paragraph to go back to)
            doc=doc if usable else None,
            n=bookmark.n, doc_id=bookmark.doc,
        )
        self._open_editor(target, bookmark.note, base=bookmark.note, error=None, done=done)

    def delete_bookmark(self, bookmark: Bookmark, done: Refreshed) -> None:
        what = self._titled_place(bookmark)
        self._remove(bookmark, what, done)

    def undo_delete(self, done: Refreshed) -> None:
        self.undo(done)

    # -- the note editor: saves against the note it opened on ------------------------------

    def _open_editor(
        self, target: _Target, text: str, *, base: str, error: str | None,
        done: Refreshed | None,
    ) -> None:
        """The editor on `text`; `base` is the stored note it started from (a save finding
        another note stored merges or asks)."""

        def closed(result: str | None) -> None:
            if result is None:
                return
            self._run(
                lambda: self.store.save_note(
                    result, base=base, bookmark_id=target.bookmark_id, doc=target.doc,
                    n=target.n,
                ),
                lambda saved: self._saved(target, result, saved, done),
                doc_id=target.doc_id,
                failed=lambda err: self._open_editor(
                    target, result, base=base, error=err, done=done
                ),
            )

        from igtui.app.screens.note_editor import NoteEditorScreen

        editor = NoteEditorScreen(
            target.quote, text, heading=target.heading, saved=base, error=error
        )
        self.app.push_screen(editor, closed)

    def _saved(
        self, target: _Target, mine: str, saved: Saved, done: Refreshed | None
    ) -> None:
        retarget = _Target(target.heading, target.quote, saved.bookmark.id, target.doc,
                           target.n, target.doc_id)
        if saved.outcome == "conflict":
            self._ask_conflict(retarget, mine, saved.bookmark.note, done)
            return
        merged = " (merged with a change made elsewhere meanwhile)" * (saved.outcome == "merged")
        self._say(f"Note saved: {target.heading}{merged}")
        if done is not None:
            done(self.bookmarks)

    def _ask_conflict(
        self, target: _Target, mine: str, theirs: str, done: Refreshed | None
    ) -> None:
        both = append_note(theirs, mine)

        def answered(keep_both: bool | None) -> None:
            if keep_both:
                # saved against the note as it is now: another change meanwhile asks again
                self._open_and_save(target, both, base=theirs, done=done)
            else:
                self._open_editor(
                    target, both, base=theirs, done=done,
                    error="Changed elsewhere while you wrote: both versions are below. "
                    "Edit, then save.",
                )

        lines = theirs.strip("\n").splitlines()
        shown = "\n".join(f"  {line}" for line in lines[:6]) + ("\n  …" if len(lines) > 6 else "")
        question = (
            "This note was changed elsewhere since you opened it. It now reads:\n\n"
            f"{shown}\n\nKeep both (that text, then yours)? No opens both to edit."
        )
        from igtui.app.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, yes="Keep both", no="Review"), answered)

    def _open_and_save(
        self, target: _Target, text: str, *, base: str, done: Refreshed | None
    ) -> None:
        self._run(
            lambda: self.store.save_note(
                text, base=base, bookmark_id=target.bookmark_id, doc=target.doc, n=target.n
            ),
            lambda saved: self._saved(target, text, saved, done),
            doc_id=target.doc_id,
            failed=lambda err: self._open_editor(target, text, base=base, error=err, done=done),
        )

    # -- helpers ------------------------------------------------------------------------------

    def _document(self, doc_id: str) -> Document | None:
        try:
            return self.corpus.document(doc_id)
        except KeyError:
            return None

    def _bookmark_at(self, doc_id: str, n: int) -> Bookmark | None:
        """The bookmark shown on paragraph `n` of `doc_id` (as of the last read)."""
        return next(
            (b for b in self.bookmarks
             if b.doc == doc_id and b.n == n and not (b.detached or b.absent)),
            None,
        )

    def _where(self, doc: Document, n: int) -> str:
        """Section path and locator of paragraph `n`, as the reader shows it."""
        return section_and_label(doc.paragraph(n).section, locator(doc, n), doc.title)

    def _place(self, bookmark: Bookmark) -> str:
        from igtui.app.screens.bookmarks import place

        return place(bookmark, self.corpus)

    def _titled_place(self, bookmark: Bookmark) -> str:
        from igtui.app.screens.bookmarks import doc_title

        return f"{doc_title(bookmark, self.corpus)} · {self._place(bookmark)}"

    def _nothing_open(self) -> None:
        self.app.bell()
        self._say("No document is open: there is no paragraph to bookmark.")

    def _say(self, message: str, *, severity: Any = "information") -> None:
        # titles and notes are data: shown literally, never as markup or control codes
        self.app.notify(displayable(message), severity=severity, timeout=3, markup=False)

    # -- the job queue ----------------------------------------------------------------------

    def close(self) -> None:
        """Run the writes still queued, here and now, and stop calling back into the UI.

        Call it as the app exits (the reader's `on_unmount`): a note saved just before
        quitting must land even if its worker was cancelled before it started.
        """
        self._closed = True
        if self._watch_timer is not None:
            self._watch_timer.stop()
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
                fresh = None
                stamp = None
                if reload:
                    # the stamp before the read: a change landing in between is read next time
                    stamp = self.store.stamp()
                    fresh = reanchor(self.store.load(), self.corpus)
            except NotesWriteError as err:
                return partial(self._failed, str(err), failed)
            return partial(self._landed, fresh, stamp, doc_id, done, result)

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
        stamp: tuple[int, int, int] | None,
        doc_id: str | None,
        done: Callable[[T], None],
        result: T,
    ) -> None:
        if fresh is not None:
            self._stamp = stamp
            self._set_bookmarks(fresh)
        self._show_warnings()
        done(result)
        if fresh is not None:
            self._post(BookmarksChanged(doc_id))

    def _failed(self, message: str, failed: Callable[[str], None] | None) -> None:
        self._show_warnings()
        self.app.notify(
            displayable(message), title="Notes not saved", severity="error", timeout=10,
            markup=False,
        )
        if failed is not None:
            failed(message)

    def _set_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        self.bookmarks = bookmarks
        marks: dict[str, set[int]] = {}
        notes: dict[str, dict[int, str]] = {}
        for b in bookmarks:
            if not (b.detached or b.absent):
                marks.setdefault(b.doc, set()).add(b.n)
                if b.note.strip():
                    notes.setdefault(b.doc, {})[b.n] = b.note
        self._marks = {doc: frozenset(ns) for doc, ns in marks.items()}
        self._notes = notes
        self.loaded = True

    def _show_warnings(self) -> None:
        for warning in self.store.warnings:
            if warning not in self._shown_warnings:
                self._shown_warnings.add(warning)
                self.app.notify(
                    displayable(warning), severity="warning", timeout=15, markup=False
                )

    def _post(self, message: Message) -> None:
        (self.target or self.app).post_message(message)
