"""The on-disk cache of search indexes, keyed by what the index is made from.

The key hashes the content of every document file and the source of igtui's core (the parser
and this package): a changed file or a new igtui version gives a new key, so a stale index is
never served. Indexes built from a parsed corpus also store a digest of that corpus and are
checked against it on load, which covers a file edited between parsing and indexing.

Format: a small header (magic, CRC-32, length) then `marshal` of plain containers. Not pickle:
marshal cannot run code on load, only build str/bytes/list/dict/tuple. It is ~10x faster than
json here (the 100x corpus loads in well under the 1 s budget of a warm `igtui search`), and the
CRC turns a truncated or corrupted file into a rebuild rather than a crash. Files are written to
a temp file, fsynced and `os.replace`d, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from igtui.corpus.loading import corpus_roots, document_files
from igtui.corpus.model import Corpus
from igtui.search.building import Progress
from igtui.search.data import FORMAT_VERSION
from igtui.search.index import SearchIndex
from igtui.storage import cache_dir as default_cache_dir

MAGIC = b"IGTUISX1"
HEADER = struct.Struct("<8sIQ")
KEEP_FILES = 6
_PACKAGE_DIRS_NOT_IN_KEY = ("app", "cli")


def load_or_build(
    corpus: Corpus, cache_dir: Path | None = None, progress: Progress | None = None
) -> SearchIndex:
    """The index of `corpus`, from the cache when it holds one for exactly this corpus."""
    digest = corpus_digest(corpus)
    paths = [d.path for d in corpus.documents]
    key = files_key(paths) if all(p.is_file() for p in paths) else f"c{digest[:32]}"
    path = _entry_path(cache_dir, key)
    cached = _read(path)
    if cached is not None and cached.get("digest") == digest:
        index = _index_of(cached)
        if index is not None:
            return index
    index = SearchIndex.build(corpus, progress)
    _write(path, {"key": key, "digest": digest, "index": index.to_data()})
    return index


def load_or_build_paths(
    roots: Sequence[Path],
    load: Callable[[Sequence[Path]], Corpus],
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> SearchIndex:
    """The index of the documents under `roots` without parsing them when the cache is warm.

    `load` parses the corpus (e.g. `igtui.cli.common.load`) and is called on a miss only:
    this is the fast path of `igtui search`, where parsing 100x the seeds would cost more than
    loading their index.
    """
    key = files_key(_document_files(roots))
    path = _entry_path(cache_dir, key)
    cached = _read(path)
    index = _index_of(cached) if cached is not None else None
    if index is not None:
        return index
    corpus = load(roots)
    index = SearchIndex.build(corpus, progress)
    # Store under the key of the files as they were parsed; if one changed meanwhile the keys
    # differ and the next run rebuilds, rather than this index being filed under new content.
    if files_key(_document_files(roots)) == key:
        _write(path, {"key": key, "digest": corpus_digest(corpus), "index": index.to_data()})
    return index


def _index_of(entry: dict[str, Any]) -> SearchIndex | None:
    """The index in a cache entry; None (rebuild) if its payload is not a valid index."""
    try:
        return SearchIndex.from_data(entry["index"])
    except (ValueError, TypeError):
        return None


def corpus_digest(corpus: Corpus) -> str:
    """A hash of everything the index copies from the corpus."""
    h = hashlib.blake2b(digest_size=20)
    for doc in corpus.documents:
        h.update(f"\x1d{doc.id}\x1e{doc.title}".encode())
        for p in doc.paragraphs:
            h.update(
                f"\x1e{p.n}\x1f{p.kind}\x1f{p.label}\x1f{chr(31).join(p.section)}\x1f{p.text}"
                .encode("utf-8", "surrogatepass")
            )
    return h.hexdigest()


def files_key(paths: Iterable[Path]) -> str:
    """A hash of the files' names and bytes, the igtui core's source and the index format."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"v{FORMAT_VERSION}\0{_code_fingerprint()}".encode())
    for path in sorted(Path(p).resolve() for p in paths):
        h.update(f"\0{path}\0".encode("utf-8", "surrogateescape"))
        try:
            h.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
        except OSError:
            h.update(b"\0unreadable")
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of igtui's core source: a new parser or ranker invalidates every cached index."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=16)
    for source in sorted(root.rglob("*.py")):
        rel = source.relative_to(root)
        if rel.parts[0] in _PACKAGE_DIRS_NOT_IN_KEY:
            continue
        h.update(str(rel).encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def _document_files(roots: Sequence[Path]) -> list[Path]:
    return document_files(corpus_roots(roots))


def _entry_path(cache_dir: Path | None, key: str) -> Path:
    if cache_dir is None:
        cache_dir = default_cache_dir()
    return cache_dir / "search" / f"{key}.idx"


def _read(path: Path) -> dict[str, Any] | None:
    """The cached entry, or None if missing, corrupted or from another format."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        magic, crc, size = HEADER.unpack_from(blob)
        payload = memoryview(blob)[HEADER.size :]
        if magic != MAGIC or size != len(payload) or zlib.crc32(payload) != crc:
            return None
        entry = marshal.loads(payload)
    except (ValueError, EOFError, TypeError, struct.error):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("index"), dict):
        return None
    if entry["index"].get("version") != FORMAT_VERSION:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used entries survive pruning
    return entry


def _write(path: Path, entry: dict[str, Any]) -> None:
    """Write atomically; a cache that cannot be written is not an error (read-only home)."""
    payload = marshal.dumps(entry)
    header = HEADER.pack(MAGIC, zlib.crc32(payload), len(payload))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # not *.idx: `_prune` (maybe another process's) must not count or delete it mid-write
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header)
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path.parent)
    except OSError:
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.idx"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_FILES:]:
        old.unlink(missing_ok=True)
