"""The parse cache: every document is parsed once, then read back until its file or igtui's
parser changes. Any format: it stores the parsed `Document`, whatever reader made it.

Under `cache_dir()/parse/`:

- `docs/<key>.json`: one parsed document (`Document.as_json`). The key hashes the parser's
  fingerprint (igtui's corpus source and the reader libraries' versions), the file's resolved
  path and a hash of its bytes: a changed file or a new parser gives a new key, so an entry is
  never stale.
- `corpus-<corpus key>.json`: one corpus's manifest: per file a row (`Entry.as_row`) of its
  stat (size, mtime_ns, inode), content hash and the document's head (title, metadata, first
  readable paragraph, whether it has headings). A launch stats the files and, where the stat
  is unchanged, opens the document from the manifest alone: its paragraphs load from `docs/`
  on first use (`LazyDocument`).

JSON, never pickle, and validated on load (`Document.from_json`): a damaged or foreign entry is
parsed again and rewritten. Writes are atomic (temp file, rename). The folder stays bounded:
after a corpus changed, manifests beyond the `KEEP_CORPORA` most recently used are dropped, and
so are document entries no kept manifest names.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from igtui.corpus.decoding import UnreadableDocument
from igtui.corpus.model import NO_METADATA, Document, LazyDocument, Metadata, Paragraph
from igtui.storage import write_atomic

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

FORMAT = 2
KEEP_CORPORA = 8
# (import name, distribution) of the libraries readers parse with: their versions are part of
# the parser's fingerprint (a new PDF library may read a page differently); a reader that
# brings a library adds it here
READER_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("charset_normalizer", "charset_normalizer"),
    ("pypdfium2", "pypdfium2"),
    ("pypdf", "pypdf"),
    ("selectolax", "selectolax"),
    ("docx", "python_docx"),
    ("yaml", "pyyaml"),
    ("lxml", "lxml"),
    ("markdown_it", "markdown_it_py"),
)
# a file changed this recently may change again within its mtime's resolution unseen: hash it
# next time rather than trust its stat (the "racy timestamp" rule of git)
RACY_SECONDS = 2.0
# parse in worker processes when at least this many documents are new (a pool costs ~0.1 s)
POOL_MIN = 16

Progress = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class Stat:
    size: int
    mtime_ns: int
    ino: int

    @classmethod
    def of(cls, path: Path | str) -> Stat:
        st = os.stat(path)
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass(slots=True)
class Entry:
    """What the manifest knows of one file: one row of it (a list, not an object: 50,000 rows
    decode in a third of the memory)."""

    stat: Stat
    content: str
    # the document's title as the corpus shows it; None: the file is unreadable (see `error`)
    title: str | None
    # its metadata (`Metadata.as_json`), None when it has none
    metadata: dict[str, Any] | None = None
    first_readable: int = 0
    has_headings: bool = False
    # one-line reason the file was skipped (UnreadableDocument)
    error: str = ""
    racy: bool = False
    # positions of the paragraphs the corpus-level pass hid (the folder's shared chrome)
    hidden: tuple[int, ...] = ()
    # the stat of the document's sidecar metadata file, None if there is none
    sidecar: Stat | None = None

    def head(self, doc_id: str, path: Path) -> dict[str, Any]:
        """Every field of the document but its paragraphs; ValueError if the metadata is
        damaged."""
        metadata = NO_METADATA if self.metadata is None else Metadata.from_json(self.metadata)
        return {"id": doc_id, "title": self.title, "path": path, "metadata": metadata}

    def describe(self, doc: Document) -> None:
        """Take the head of `doc`, as the corpus shows it."""
        self.title = doc.title
        self.metadata = None if doc.metadata == NO_METADATA else doc.metadata.as_json()
        self.first_readable, self.has_headings = doc.first_readable(), doc.has_headings()

    def as_row(self, path: str) -> list[Any]:
        side = self.sidecar
        return [
            path, self.stat.size, self.stat.mtime_ns, self.stat.ino, self.content, self.title,
            self.metadata, self.first_readable, self.has_headings, self.error, self.racy,
            list(self.hidden), None if side is None else [side.size, side.mtime_ns, side.ino],
        ]

    @classmethod
    def from_row(cls, row: Any) -> tuple[str, Entry]:
        """(path, entry) of a row `as_row` wrote; ValueError if it is not one."""
        if not isinstance(row, list) or len(row) != _ROW_LENGTH:
            raise ValueError("manifest row is not a list of the right length")
        (path, size, mtime, ino, content, title, metadata, first, headings, error, racy,
         hidden, side) = row
        if not all(type(v) is int for v in (size, mtime, ino, first)):
            raise ValueError("entry numbers are not integers")
        if not all(type(v) is str for v in (path, content, error)):
            raise ValueError("entry text fields are not text")
        if not (title is None or type(title) is str) or not (
            metadata is None or type(metadata) is dict
        ):
            raise ValueError("entry head is not a title and metadata")
        if not isinstance(hidden, list) or not all(type(i) is int for i in hidden):
            raise ValueError("entry hidden positions are not integers")
        if side is not None:
            if not isinstance(side, list) or not all(type(i) is int for i in side):
                raise ValueError("entry sidecar stat is not integers")
            side = Stat(*side)
        return path, cls(
            Stat(size, mtime, ino), content, title, metadata, first, bool(headings), error,
            bool(racy), tuple(hidden), side,
        )


_ROW_LENGTH = 13


class ParseCache:
    """One corpus's view of the parse cache (its manifest, the shared document entries)."""

    def __init__(self, corpus_key: str, folder: Path) -> None:
        self.folder = folder
        self.docs = folder / "docs"
        self._docs_str = str(self.docs)
        self.manifest_path = folder / f"corpus-{corpus_key}.json"
        self.fingerprint = parser_fingerprint()
        self.entries = self._read_manifest()
        self.changed = False

    # -- the manifest ------------------------------------------------------------------------

    def _read_manifest(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.manifest_path.read_bytes())
            if data.get("format") != FORMAT or data.get("parser") != self.fingerprint:
                return {}
            return dict(Entry.from_row(row) for row in data["files"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save(self, files: Sequence[str]) -> None:
        """Write the manifest for exactly `files` (if anything changed), then prune."""
        keep = {f: self.entries[f] for f in files if f in self.entries}
        if not self.changed and keep.keys() == self.entries.keys():
            return
        data = {
            "format": FORMAT,
            "parser": self.fingerprint,
            "files": [e.as_row(f) for f, e in keep.items()],
        }
        if _write(self.manifest_path, json.dumps(data, ensure_ascii=False).encode()):
            self._prune()

    # -- documents ---------------------------------------------------------------------------

    def entry_key(self, resolved: str, content: str) -> str:
        return entry_key(self.fingerprint, resolved, content)

    def entry_path(self, key: str) -> Path:
        return entry_path(self.docs, key)

    def fresh(self, resolved: Sequence[str], sidecars: Sequence[Stat | None]) -> bool:
        """Whether the manifest holds exactly these files, each (and its sidecar) with the stat
        it had: then the corpus is what it was, the corpus-level pass included, and opens from
        the manifest without reading a document."""
        if len(resolved) != len(self.entries):
            return False
        for path, sidecar in zip(resolved, sidecars, strict=True):
            entry = self.entries.get(path)
            if entry is None or entry.racy or entry.sidecar != sidecar:
                return False
            try:
                if Stat.of(path) != entry.stat:
                    return False
            except OSError:
                return False
        return True

    def lazy(self, file: Path, resolved: str, doc_id: str) -> Document:
        """The document as the manifest knows it (`fresh` said so), paragraphs read on use;
        UnreadableDocument for a file that was skipped."""
        entry = self.entries[resolved]
        if entry.title is None:
            raise UnreadableDocument(entry.error)
        doc = self._lazy(entry, file, resolved, doc_id)
        if doc is None:
            raise UnreadableDocument(f"skipped {file}: damaged cache entry")
        return doc

    def _lazy(
        self,
        entry: Entry,
        file: Path,
        resolved: str,
        doc_id: str,
        loaded: tuple[Paragraph, ...] | None = None,
    ) -> Document | None:
        try:
            head = entry.head(doc_id, file)
        except ValueError:
            return None
        key = self.entry_key(resolved, entry.content)
        return LazyDocument(
            head, EntryLoader(self._docs_str, key, str(file), doc_id, entry.hidden),
            first_readable=entry.first_readable, has_headings=entry.has_headings,
            content_key=key, loaded=loaded,
        )

    def parsed_before(self, file: Path, resolved: str, doc_id: str) -> Document | None:
        """The document as parsed alone (before the corpus-level pass) from its entry, if there
        is one for the file's bytes (its stat unchanged, else its hash); None if it must be
        parsed; UnreadableDocument for a file skipped before with these bytes."""
        entry = self.entries.get(resolved)
        try:
            stat = Stat.of(resolved)
            if entry is not None and not entry.racy and entry.stat == stat:
                content = entry.content
            else:
                content = hashlib.blake2b(file.read_bytes(), digest_size=20).hexdigest()
                if Stat.of(resolved) != stat:
                    return None
        except OSError:
            return None
        if entry is not None and entry.content == content and entry.title is None:
            self.record(resolved, stat, content, entry.error, store=False)
            raise UnreadableDocument(entry.error)
        try:
            stored = Document.from_json(json.loads(self.entry_path(
                self.entry_key(resolved, content)).read_bytes()))
        except (OSError, ValueError):
            return None
        self.record(resolved, stat, content, stored, store=False)
        return replace(stored, id=doc_id, path=file)

    def parsed(self, resolved: str, parsed: Parsed) -> Document | str:
        """A fresh parse, filed in the cache if its file held still."""
        outcome: Document | str = parsed.document or parsed.error
        if parsed.stat is not None:
            self.record(resolved, parsed.stat, parsed.content, outcome, store=not parsed.stored)
        return outcome

    def finish(
        self, file: Path, resolved: str, doc: Document, hidden: set[int], sidecar: Stat | None
    ) -> Document:
        """Remember the document as the corpus shows it (annotated, its shared lines hidden at
        `hidden`); returned as a lazy document holding its paragraphs, which may drop them to
        bound memory and has its content key, like one read back later."""
        entry = self.entries.get(resolved)
        if entry is None:  # the file changed while it was parsed: not filed
            return doc
        entry.describe(doc)
        entry.hidden, entry.sidecar = tuple(sorted(hidden)), sidecar
        self.changed = True
        return self._lazy(entry, file, resolved, doc.id, loaded=doc.paragraphs) or doc

    def record(
        self, resolved: str, stat: Stat, content: str, doc: Document | str, *, store: bool = True
    ) -> None:
        """Remember a parse (or an unreadable file's message, `doc` a str) under its stat."""
        racy = time.time() - stat.mtime_ns / 1e9 < RACY_SECONDS
        if isinstance(doc, str):
            self.entries[resolved] = Entry(stat, content, None, error=doc, racy=racy)
        else:
            entry = self.entries[resolved] = Entry(stat, content, "", racy=racy)
            entry.describe(doc)
            if store:
                path = self.entry_path(self.entry_key(resolved, content))
                _write(path, json.dumps(doc.as_json(), ensure_ascii=False).encode())
        self.changed = True

    # -- pruning ----------------------------------------------------------------------------

    def _prune(self) -> None:
        manifests = sorted(
            self.folder.glob("corpus-*.json"), key=_mtime, reverse=True
        )
        keep: set[str] = set()
        for old in manifests[KEEP_CORPORA:]:
            old.unlink(missing_ok=True)
        for manifest in manifests[:KEEP_CORPORA]:
            keep.update(self._names_in(manifest))
        if not self.docs.is_dir():
            return
        for entry in self.docs.glob("*/*.json"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)

    def _names_in(self, manifest: Path) -> Iterator[str]:
        try:
            data = json.loads(manifest.read_bytes())
            files = data["files"]
            fingerprint = data["parser"]
        except (OSError, ValueError, KeyError, TypeError):
            return
        if fingerprint != self.fingerprint:
            return
        for row in files:
            if isinstance(row, list) and len(row) == _ROW_LENGTH:
                resolved, content = row[0], row[4]
                if isinstance(resolved, str) and isinstance(content, str):
                    yield self.entry_key(resolved, content)


@dataclass(frozen=True, slots=True)
class EntryLoader:
    """A lazy document's paragraphs: its cache entry, or (entry pruned or damaged meanwhile)
    its file parsed again. Plain fields, so a worker process can be handed it."""

    # the cache's docs folder and the entry's key (strings shared by every loader: 50,000
    # documents hold one each)
    docs: str
    key: str
    file: str
    doc_id: str
    # what the corpus-level pass hid
    hidden: tuple[int, ...] = ()

    @property
    def entry(self) -> str:
        return os.path.join(self.docs, self.key[:2], f"{self.key}.json")

    def __call__(self) -> tuple[Paragraph, ...]:
        return self.document().paragraphs

    def document(self) -> Document:
        try:
            doc = Document.from_json(json.loads(Path(self.entry).read_bytes()))
        except (OSError, ValueError):
            doc = _parse_now(Path(self.file), self.doc_id)
        if self.hidden:
            # lazily: the pass's module is needed only by documents it changed
            from igtui.corpus.parsing.crossdoc import hide_lines

            doc = hide_lines(doc, set(self.hidden))
        return doc


# -- loading a corpus through the cache ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parsed:
    """A worker's answer: the document or the reason it was skipped, with what it read."""

    stat: Stat | None
    content: str
    document: Document | None
    error: str
    # whether the document's cache entry was written (by the worker that parsed it)
    stored: bool = False


def entry_key(fingerprint: str, resolved: str, content: str) -> str:
    return hashlib.blake2b(
        f"{fingerprint}\0{resolved}\0{content}".encode("utf-8", "surrogateescape"),
        digest_size=16,
    ).hexdigest()


def entry_path(docs: Path, key: str) -> Path:
    return docs / key[:2] / f"{key}.json"


def parse_file(file: Path, doc_id: str, docs: Path | None = None, resolved: str = "") -> Parsed:
    """Parse `file` and hash the bytes parsed (None stat: the file changed meanwhile); with
    `docs`, also file the document's cache entry there (workers do: encoding 5,000 documents
    as JSON is seconds of work the parent would otherwise do alone)."""
    # lazily: a warm launch parses nothing
    from igtui.corpus.parsing import parse_source
    from igtui.corpus.readers import reader_for

    try:
        before = Stat.of(file)
        content = hashlib.blake2b(file.read_bytes(), digest_size=20).hexdigest()
    except OSError:
        before, content = None, ""
    try:
        document: Document | None = parse_source(reader_for(file)(file), doc_id, file)
        error = ""
    except UnreadableDocument as exc:
        document, error = None, str(exc)
    try:
        after: Stat | None = Stat.of(file)
    except OSError:
        after = None
    # the reader read the file itself: if it changed under us, do not file this parse
    # under the hash of other bytes
    stable = before if before is not None and before == after else None
    stored = False
    if docs is not None and stable is not None and document is not None:
        key = entry_key(parser_fingerprint(), resolved, content)
        data = json.dumps(document.as_json(), ensure_ascii=False).encode()
        stored = _write(entry_path(docs, key), data)
    return Parsed(stable, content, document, error, stored)


def _parse_now(file: Path, doc_id: str) -> Document:
    # lazily: a warm launch parses nothing
    from igtui.corpus.parsing import parse_source
    from igtui.corpus.readers import reader_for

    try:
        return parse_source(reader_for(file)(file), doc_id, file)
    except UnreadableDocument:
        return Document(doc_id, file.stem, file, ())


def _parse_worker(args: tuple[str, str, str, str]) -> Parsed:
    file, doc_id, docs, resolved = args
    return parse_file(Path(file), doc_id, Path(docs), resolved)


def parse_all(
    jobs: Sequence[tuple[Path, str, str]], docs: Path, progress: Progress | None = None
) -> Iterator[Parsed]:
    """`parse_file` for every (file, id, resolved path), in order, filing entries in `docs`;
    in worker processes when there are many."""
    report = progress or (lambda _f: None)
    total = max(1, len(jobs))
    if len(jobs) < POOL_MIN or (os.cpu_count() or 1) < 2:
        for done, (file, doc_id, resolved) in enumerate(jobs, 1):
            yield parse_file(file, doc_id, docs, resolved)
            report(done / total)
        return
    with process_pool() as pool:
        work = [(str(file), doc_id, str(docs), resolved) for file, doc_id, resolved in jobs]
        for done, parsed in enumerate(pool.map(_parse_worker, work, chunksize=8), 1):
            yield parsed
            report(done / total)


def process_pool() -> ProcessPoolExecutor:
    """Worker processes, one per core (see `worker_context`).

    multiprocessing hands the helper process it starts with the first pool (its resource
    tracker) `sys.stderr`'s file descriptor; inside the reader, Textual has replaced
    `sys.stderr` by a capture whose descriptor is -1, and starting the helper fails ("bad
    value(s) in fds_to_keep"), which used to send the reader's first index build down the
    slow path, in one thread, that could not be stopped. The real stderr is lent meanwhile."""
    from concurrent.futures import ProcessPoolExecutor  # lazily: a warm launch needs none

    with _spawnable_stderr():
        return ProcessPoolExecutor(
            max_workers=os.cpu_count(), mp_context=worker_context(), initializer=_quiet_worker
        )


def _quiet_worker() -> None:
    """A worker writes nothing to stderr: inside the reader that is the terminal the reader
    draws on, where a library's warning would land on the screen. A worker's failure comes
    back as its task's exception."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (for the worker's whole life)


@contextlib.contextmanager
def _spawnable_stderr() -> Iterator[None]:
    stderr = sys.stderr
    try:
        usable = stderr is not None and stderr.fileno() >= 0
    except (OSError, ValueError, AttributeError):
        usable = False
    if usable or sys.__stderr__ is None:
        yield
        return
    sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = stderr


def worker_context() -> BaseContext:
    """How worker processes start: never a bare fork, which copies the parent's threads'
    locks mid-use (the reader builds its index in a thread); forkserver where there is one."""
    import multiprocessing  # lazily: only a cold corpus needs worker processes

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


# -- the parser's fingerprint and small file helpers -------------------------------------------


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """Hash of what a parse depends on besides the file: igtui's corpus source (readers,
    decoding, the pipeline, the model), Python's version and the reader libraries' versions."""
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{sys.version}".encode())
    for source in sorted(root.rglob("*.py")):
        h.update(str(source.relative_to(root)).encode())
        h.update(source.read_bytes())
    for module, distribution in READER_LIBRARIES:
        h.update(f"\0{module}={_library_version(module, distribution)}".encode())
    return h.hexdigest()


def _library_version(module: str, distribution: str) -> str:
    """The installed distribution of `module` as its dist-info folder's name, without importing
    it (importlib.metadata costs ~40 ms at start-up, more than the whole manifest)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return "missing"
    if spec is None or spec.origin is None:
        return "missing"
    site = Path(spec.origin).resolve().parents[1]
    prefix = distribution.lower().replace("-", "_") + "-"
    for name in _listing(site):
        if name.lower().startswith(prefix) and name.endswith(".dist-info"):
            return name
    return "unknown"


@lru_cache(maxsize=8)
def _listing(folder: Path) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _write(path: Path, data: bytes) -> bool:
    """Atomic, not durable (a damaged entry is re-parsed); False (not an error) if the cache
    cannot be written (read-only home)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, durable=False)
    except OSError:
        return False
    return True
