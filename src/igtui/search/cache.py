"""The search index of a corpus, kept on disk and brought up to date a document at a time.

`load_or_build(corpus)` gives a `SearchIndex`:
1. every document has a segment (`segment.py`: its jieba words, pinyin initials, postings
   units), cached under `search/segments/` by the document's content (its parse-cache key, or a
   hash of its paragraphs) and igtui's search code: a changed file or a new igtui gives a new
   key, so a stale segment is never used. Missing segments are built in worker processes when
   there are several (jieba loads its dictionary once per worker);
2. the corpus's on-disk index (`store.Store`, under `search/corpus-<key>/`) adds the segments
   of new or changed documents and drops those of documents gone: editing one file re-indexes
   that file only. A warm index opens without reading it (tantivy and memory-mapped files).

If the cache cannot be written (read-only home, full disk), the index is assembled in memory
from the segments instead: slower to start, never an error. Bounded: stores beyond the
`KEEP_CORPORA` most recently used are removed, and segments no store holds with them.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from igtui.corpus.cache import process_pool
from igtui.corpus.model import Corpus, Document, LazyDocument, Paragraph
from igtui.search.building import Progress, assemble, common_readings
from igtui.search.index import MemoryBackend, SearchIndex
from igtui.search.segment import (
    Segment,
    build_segment,
    document_key,
    read_blob,
    read_segment,
    write_blob,
    write_segment,
)
from igtui.search.store import Store
from igtui.storage import cache_dir as default_cache_dir

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

KEEP_CORPORA = 6
# build segments in worker processes from this many documents on (a worker costs ~0.6 s)
POOL_MIN = 8
_PACKAGE_DIRS_NOT_IN_KEY = ("app", "cli")


def load_or_build(
    corpus: Corpus, cache_dir: Path | None = None, progress: Progress | None = None
) -> SearchIndex:
    """The index of `corpus`, from the cache where it holds it (see the module docstring)."""
    report = progress or (lambda _f: None)
    folder = (cache_dir or default_cache_dir()) / "search"
    keys = [segment_key(doc) for doc in corpus.documents]
    docs = [(d.id, d.title, k) for d, k in zip(corpus.documents, keys, strict=True)]
    store = Store(folder / f"corpus-{_store_name(corpus)}")
    backend = store.open(docs)
    if backend is not None:
        _touch(store.folder)
        return SearchIndex(backend)
    by_key = dict(zip(keys, corpus.documents, strict=True))
    segments = SegmentCache(folder / "segments", by_key)
    meta = store.read_meta()
    held = {d.key for d in meta.docs or []} if meta is not None and meta.clean else set()
    report(0.0)
    try:
        segments.start_building([k for k in dict.fromkeys(keys) if k not in held])
        backend = store.sync(docs, segments.get, lambda: _common_readings(folder), report)
    except (OSError, ValueError):  # filelock's Timeout is an OSError too
        return _in_memory(corpus, keys, segments, report)
    finally:
        segments.close()
    report(1.0)
    _prune(folder, keep=store.folder)
    return SearchIndex(backend)


def load_or_build_paths(
    roots: Sequence[Path],
    load: Callable[[Sequence[Path]], Corpus],
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> SearchIndex:
    """The index of the documents under `roots`, `load`ed (through the parse cache, which opens
    a corpus without reading its documents) then `load_or_build`."""
    return load_or_build(load(roots), cache_dir, progress)


def _in_memory(
    corpus: Corpus, keys: list[str], segments: SegmentCache, report: Progress
) -> SearchIndex:
    parts = []
    total = max(1, len(keys))
    for done, (key, doc) in enumerate(zip(keys, corpus.documents, strict=True)):
        report(done / total)  # the caller may stop here (the reader closing)
        parts.append(segments.get(key) or build_segment(doc.paragraphs))
    data = assemble([(d.id, d.title) for d in corpus.documents], parts)
    report(1.0)
    return SearchIndex(MemoryBackend(data))


def segment_key(doc: Document) -> str:
    """The document's content key with the search code's fingerprint."""
    raw = f"{_code_fingerprint()}\0{document_key(doc)}"
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


class SegmentCache:
    """Segments on disk by key; those of the current documents are built when missing.

    `start_building` hands the missing ones to worker processes (when there are several) and
    returns at once; `get` waits for the one it asks for, so the index takes in each segment
    while the workers build the next ones.
    """

    def __init__(self, folder: Path, documents: dict[str, Document]) -> None:
        self.folder = folder
        self.documents = documents
        self._pending: dict[str, Future[bool]] = {}
        self._pool: ProcessPoolExecutor | None = None

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.seg"

    def get(self, key: str) -> Segment | None:
        pending = self._pending.pop(key, None)
        if pending is not None:
            with contextlib.suppress(Exception):  # a failed worker: built here below
                pending.result()
        found = read_segment(self.path(key))
        if found is None and key in self.documents:
            found = build_segment(self.documents[key].paragraphs)
            write_segment(self.path(key), found)
        return found

    def start_building(self, keys: Sequence[str]) -> int:
        """Start building the segments of `keys` not on disk yet; how many there are."""
        missing = [k for k in keys if k in self.documents and not self.path(k).is_file()]
        if len(missing) < POOL_MIN or (os.cpu_count() or 1) < 2:
            return len(missing)  # `get` builds them, one by one
        self._pool = process_pool()
        for key in missing:
            self._pending[key] = self._pool.submit(
                _build_worker, str(self.path(key)), _source(self.documents[key])
            )
        return len(missing)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self._pending.clear()


def _source(doc: Document) -> Callable[[], tuple[Paragraph, ...]] | tuple[Paragraph, ...]:
    """What a worker needs to read a document's paragraphs: its parse-cache loader if they are
    not in memory here (reading them here would cost the parent a JSON parse a document)."""
    if isinstance(doc, LazyDocument) and not doc.loaded:
        return doc.loader
    return tuple(doc.paragraphs)


def _build_worker(
    path: str, source: Callable[[], tuple[Paragraph, ...]] | tuple[Paragraph, ...]
) -> bool:
    """In a worker process: build a segment and file it; False if it could not be written."""
    paragraphs = source() if callable(source) else source
    write_segment(Path(path), build_segment(paragraphs))
    return Path(path).is_file()


def _common_readings(folder: Path) -> dict[str, str]:
    """`building.common_readings`, kept beside the segments: computing it loads pypinyin and
    reads 6,763 chars (~1 s)."""
    path = folder / f"common-{_code_fingerprint()}.readings"
    stored = read_blob(path)
    if isinstance(stored, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in stored.items()
    ):
        return stored
    readings = common_readings()
    write_blob(path, marshal.dumps(readings))
    return readings


def _store_name(corpus: Corpus) -> str:
    return corpus.key or hashlib.blake2b(
        "\0".join(d.id for d in corpus.documents).encode(), digest_size=8
    ).hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of igtui's core source: a new parser or indexer invalidates every segment."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=16)
    for source in sorted(root.rglob("*.py")):
        rel = source.relative_to(root)
        if rel.parts[0] in _PACKAGE_DIRS_NOT_IN_KEY:
            continue
        h.update(str(rel).encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def _touch(folder: Path) -> None:
    # the most recently used stores survive pruning
    try:
        os.utime(folder)
    except OSError:
        return


def _prune(folder: Path, keep: Path) -> None:
    """Drop stores beyond the KEEP_CORPORA most recently used, then segments no kept store
    holds (a segment of a document a store still lists is needed to take it back out)."""
    try:
        stores = sorted(folder.glob("corpus-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    stores = [keep, *(s for s in stores if s != keep)]
    for old in stores[KEEP_CORPORA:]:
        shutil.rmtree(old, ignore_errors=True)
    wanted: set[str] = set()
    for kept in stores[:KEEP_CORPORA]:
        meta = Store(kept).read_meta()
        if meta is None:
            continue
        wanted.update(d.key for d in meta.docs or [])
    cutoff = time.time() - 60  # a segment another process has just built is not an orphan
    for segment in (folder / "segments").glob("*/*.seg"):
        try:
            if segment.stem not in wanted and segment.stat().st_mtime < cutoff:
                segment.unlink()
        except OSError:
            continue
