"""The glue between the app and the search index: built in the background, queried off the UI.

The reader creates one `SearchController` and calls `start(app)` after its first frame. A thread
worker then imports the search core (jieba, rapidfuzz, pypinyin), loads the cached index or
builds it, and reports progress. Queries run in thread workers of one exclusive group, so a
newer keystroke cancels the older one's delivery; a query asked for before the index is ready
is kept (the latest only) and run when it is. Results and progress go to the message pumps that
`subscribe` (the search screen while it is open), as the messages below.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, get_current_worker

from igtui.corpus.model import Corpus, Document
from igtui.reading.display import displayable
from igtui.search.jump import resolve_jump  # cheap: the package loads its index lazily

if TYPE_CHECKING:
    from textual.app import App

    from igtui.search.index import Hit, SearchIndex

Progress = Callable[[float], None]
# (corpus, cache dir, progress) -> index; tests inject a slow or failing one
Builder = Callable[[Corpus, Path | None, Progress], "SearchIndex"]

# rows beyond a screenful or two are rarely read, and each costs ~0.3 ms to lay out
LIMIT = 20
# at most this often a progress message: a build reports every 1%, the eye needs far less
PROGRESS_INTERVAL = 0.05


@dataclass
class IndexProgress(Message):
    """The index is being built: `fraction` of it is done (0..1)."""

    fraction: float


@dataclass
class IndexReady(Message):
    """The index is ready; queries run at once from now on."""


@dataclass
class IndexFailed(Message):
    """The index could not be loaded or built; search is unavailable (jumps still work)."""

    error: str


@dataclass
class SearchResults(Message):
    """The hits for `query`, restricted to document `doc` unless it is None."""

    query: str
    doc: str | None
    hits: list[Hit] = field(default_factory=list)


class _Cancelled(Exception):
    """Raised from the progress callback to stop a build the app no longer waits for."""


def default_builder(corpus: Corpus, cache_dir: Path | None, progress: Progress) -> SearchIndex:
    # imported here, in the worker thread: jieba and friends cost the first frame nothing
    from igtui.search.cache import load_or_build

    return load_or_build(corpus, cache_dir=cache_dir, progress=progress)


def resolve_label(doc: Document, label: str, near_n: int) -> int | None:
    """`n` of the paragraph labelled `label` in `doc` for a reader at paragraph `near_n`:
    the one in the reader's section when labels restart per section, else the nearest one;
    None if no paragraph has that label. (The rule itself lives in the search core.)"""
    return resolve_jump(doc, label, near_n)


class SearchController:
    def __init__(
        self,
        corpus: Corpus,
        *,
        cache_dir: Path | None = None,
        builder: Builder = default_builder,
        limit: int = LIMIT,
    ) -> None:
        self.corpus = corpus
        self.cache_dir = cache_dir
        self.limit = limit
        self._builder = builder
        self.app: App[Any] | None = None
        self.index: SearchIndex | None = None
        self.progress = 0.0
        self.error: str | None = None
        # the user's last "this document only" choice (ctrl+d), kept between openings
        self.this_doc_only = False
        self._listeners: list[MessagePump] = []
        self._pending: tuple[str, str | None] | None = None
        # one search at a time: superseded ones waiting here skip their turn
        self._search_lock = threading.Lock()

    @property
    def started(self) -> bool:
        return self.app is not None

    @property
    def ready(self) -> bool:
        return self.index is not None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self, app: App[Any]) -> None:
        """Load or build the index in a thread worker; call after the first frame. Idempotent."""
        if self.app is not None:
            return
        self.app = app
        app.run_worker(
            self._build, thread=True, group="search-index", name="search index",
            exit_on_error=False,
        )

    def subscribe(self, pump: MessagePump) -> None:
        """Send the controller's messages to `pump` (until `unsubscribe`)."""
        if pump not in self._listeners:
            self._listeners.append(pump)

    def unsubscribe(self, pump: MessagePump) -> None:
        if pump in self._listeners:
            self._listeners.remove(pump)

    def _build(self) -> None:
        worker = get_current_worker()
        last = 0.0

        def progress(fraction: float) -> None:
            nonlocal last
            if worker.is_cancelled:  # the app is closing: stop at the next step
                raise _Cancelled
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or fraction >= 1.0:
                last = now
                self._from_thread(worker, self._progressed, fraction)

        try:
            index = self._builder(self.corpus, self.cache_dir, progress)
            index.prepare()  # jieba and friends load here, not on the first keystroke
        except _Cancelled:
            return
        except Exception as error:  # a broken cache dir must not take the reader down
            self._from_thread(worker, self._failed, f"{type(error).__name__}: {error}")
            return
        self._from_thread(worker, self._landed, index)

    def _from_thread(self, worker: Worker[Any], callback: Callable[..., None], *args: Any) -> None:
        assert self.app is not None
        if worker.is_cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the app stopped meanwhile
            self.app.call_from_thread(callback, *args)

    def _progressed(self, fraction: float) -> None:
        self.progress = fraction
        self._post(lambda: IndexProgress(fraction))

    def _landed(self, index: SearchIndex) -> None:
        self.index, self.progress = index, 1.0
        self._post(IndexReady)
        if self._pending is not None:
            text, doc = self._pending
            self._pending = None
            self.query(text, doc)

    def _failed(self, error: str) -> None:
        self.error = error
        self._pending = None
        self._post(lambda: IndexFailed(error))
        if self.app is not None:
            self.app.notify(
                displayable(f"Search unavailable: {error}"), severity="error", markup=False
            )

    # -- queries ----------------------------------------------------------------------------

    def query(self, text: str, doc: str | None = None) -> None:
        """Search for `text` (in document `doc` only, unless None) without blocking; the hits
        arrive as `SearchResults`. Before the index is ready the latest query waits for it."""
        if self.index is None or self.app is None:
            if self.error is None:
                self._pending = (text, doc)
            return
        self._pending = None
        index = self.index
        self.app.run_worker(
            lambda: self._search(index, text, doc), thread=True, group="search-query",
            name="search query", exclusive=True, exit_on_error=False,
        )

    def _search(self, index: SearchIndex, text: str, doc: str | None) -> None:
        worker = get_current_worker()
        with self._search_lock:
            if worker.is_cancelled:
                return
            try:
                hits = index.search(text, limit=self.limit, doc=doc)
            except Exception as error:  # a damaged index (discarded: rebuilt next launch)
                self._from_thread(worker, self._failed, f"{type(error).__name__}: {error}")
                return
        if not worker.is_cancelled:
            self._from_thread(worker, self._post, lambda: SearchResults(text, doc, hits))

    def _post(self, make: Callable[[], Message]) -> None:
        # a message is delivered once: every listener gets its own
        for pump in list(self._listeners):
            pump.post_message(make())
