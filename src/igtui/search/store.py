"""The on-disk search index of one corpus: opened without reading it, updated a document at a
time.

- Candidates come from tantivy (memory-mapped segments): each paragraph is a tantivy document
  of its postings units (CJK chars and bigrams, Latin words, whitespace-separated), each unit a
  constant-score clause, so a paragraph's score is how many of the query's units it holds, as
  in the in-memory index; tantivy's top-k keeps that at a few ms for 400,000 paragraphs.
- Paragraph data lives in append-only files, memory-mapped: `initials` (pinyin initials, one
  byte a char), `folded` (the folded texts, UTF-32, char-aligned with the initials, for
  pinyin scans and scoring), `records` (marshal of what a hit shows) and `pids` (per paragraph:
  char start, char length, record offset, record length, as uint64).
- `meta` (marshal, CRC-checked) says which documents are live, where their paragraphs start,
  the lengths of the files it vouches for, and the vocabulary queries are planned with.

A document that changes gets a new slot: its old paragraphs are deleted from tantivy and left
as garbage in the files until garbage outweighs the live data, when the index is rebuilt
(from the cached segments: no re-indexing). Writers hold a file lock; readers need none: they
read `meta` (atomically replaced) and never look past the lengths it gives. `meta` is written
"dirty" before tantivy is touched and "clean" after its commit, so an interrupted update is
seen, and the index rebuilt, rather than trusted.
"""

from __future__ import annotations

import bisect
import contextlib
import marshal
import mmap
import os
import shutil
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from igtui.search.building import Vocabulary
from igtui.search.index import Record
from igtui.search.query import Plan, QueryPlanner
from igtui.search.segment import (
    GRAM_BYTES,
    Segment,
    gram_ids,
    only_types,
    read_blob,
    write_blob,
)

FORMAT = 1
# local paragraph numbers take the low bits of a tantivy key, the slot the rest
LOCAL_BITS = 24
PID = struct.Struct("<4Q")
WRITER_HEAP = 50_000_000
# rebuild once garbage exceeds the live paragraphs (and is worth the while)
MIN_GARBAGE = 20_000
LOCK_TIMEOUT = 120.0
# folded texts kept between keystrokes (a few MB; four times a keystroke's candidates)
RECENT_TEXTS = 4096

# a segment's key -> the segment (from the segment cache, built if need be); None if it can
# no longer be had (a document gone whose segment was pruned)
Segments = Callable[[str], Segment | None]
Progress = Callable[[float], None]


@dataclass(slots=True)
class Live:
    """A document in the index."""

    doc_id: str
    title: str
    key: str
    slot: int
    first_pid: int
    count: int


@dataclass(slots=True)
class Meta:
    generation: int = 1
    clean: bool = True
    docs: list[Live] | None = None
    next_slot: int = 0
    # lengths of the data files this meta vouches for
    pids: int = 0
    chars: int = 0
    records: int = 0
    garbage: int = 0
    vocabulary: Vocabulary | None = None

    def to_plain(self) -> dict[str, Any]:
        vocabulary = self.vocabulary or Vocabulary()
        return {
            "format": FORMAT,
            "generation": self.generation,
            "clean": self.clean,
            "docs": [(d.doc_id, d.title, d.key, d.slot, d.first_pid, d.count)
                     for d in self.docs or []],
            "next_slot": self.next_slot,
            "lengths": (self.pids, self.chars, self.records, self.garbage),
            "words": vocabulary.words,
            "latin": vocabulary.latin,
            "chars": vocabulary.chars,
        }

    @classmethod
    def from_plain(cls, data: Any) -> Meta:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a search index of this format")
        try:
            docs = [Live(*row) for row in data["docs"]]
            pids, chars, records, garbage = data["lengths"]
            vocabulary = Vocabulary(data["words"], data["latin"], data["chars"])
            meta = cls(data["generation"], data["clean"], docs, data["next_slot"], pids, chars,
                       records, garbage, vocabulary)
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"damaged search index: {err}") from None
        numbers = (meta.generation, meta.next_slot, pids, chars, records, garbage)
        if not all(isinstance(x, int) for x in numbers):
            raise ValueError("damaged search index: lengths")
        _check_vocabulary(vocabulary)
        for d in docs:
            if not (isinstance(d.doc_id, str) and isinstance(d.key, str)
                    and isinstance(d.title, str)
                    and all(isinstance(x, int) for x in (d.slot, d.first_pid, d.count))
                    and d.first_pid >= 0 and d.first_pid + d.count <= pids):
                raise ValueError("damaged search index: documents")
        return meta


# per bit b: a translate table mapping a byte to 1 if it has bit b, else 0
_HAS_BIT = [bytes(int(bool(v & (1 << b))) for v in range(256)) for b in range(8)]


def _check_vocabulary(vocabulary: Vocabulary) -> None:
    """Item types (C speed), so that a meta that is not what we wrote fails here, not later."""
    for name in ("words", "latin", "chars"):
        if not isinstance(getattr(vocabulary, name), dict):
            raise ValueError(f"damaged search index: {name}")
        only_types(getattr(vocabulary, name), str, name)
    only_types(vocabulary.words.values(), list, "words")
    if {len(v) for v in vocabulary.words.values()} - {2}:
        raise ValueError("damaged search index: words")
    only_types((x for v in vocabulary.words.values() for x in v), int, "words")
    only_types(vocabulary.latin.values(), int, "latin")
    only_types(vocabulary.chars.values(), str, "chars")


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("units", tokenizer_name="whitespace", index_option="basic")
    builder.add_integer_field("slot", indexed=True)
    builder.add_integer_field("key", fast=True)
    return builder.build()


class Store:
    """One corpus's index folder; `sync` brings it up to date, `open` reads it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.meta_path = folder / "meta"

    def read_meta(self) -> Meta | None:
        data = read_blob(self.meta_path)
        if data is None:
            return None
        try:
            return Meta.from_plain(data)
        except ValueError:
            return None

    def generation_dir(self, generation: int) -> Path:
        return self.folder / f"g{generation}"

    # -- reading ---------------------------------------------------------------------------

    def open(self, docs: Sequence[tuple[str, str, str]]) -> StoreBackend | None:
        """The index if it holds exactly `docs` (id, title, segment key), in order; else None."""
        meta = self.read_meta()
        if meta is None or not meta.clean or not _same_docs(meta, docs):
            return None
        try:
            return StoreBackend(self.generation_dir(meta.generation), meta, self.discard)
        except (OSError, ValueError):
            self.discard()
            return None

    def discard(self) -> None:
        """Forget the index (damaged files): the next `sync` rebuilds it from the segments."""
        self.meta_path.unlink(missing_ok=True)

    # -- writing ---------------------------------------------------------------------------

    def sync(
        self,
        docs: Sequence[tuple[str, str, str]],
        segments: Segments,
        base_readings: Callable[[], dict[str, str]],
        progress: Progress | None = None,
    ) -> StoreBackend:
        """Make the index hold exactly `docs` (id, title, segment key), in order: segments of
        new documents are added, those of documents gone are dropped. OSError if the folder
        cannot be written; Timeout if another process holds the lock too long."""
        from filelock import FileLock  # lazily: only a writer needs it

        self.folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.folder / ".lock"), timeout=LOCK_TIMEOUT):
            meta = self.read_meta()
            if meta is None or not meta.clean:
                meta = self._fresh(meta)
            live = [d for d in meta.docs or []]
            by_key: dict[str, list[Live]] = {}
            for d in live:
                by_key.setdefault(d.key, []).append(d)
            kept: list[Live] = []
            added: list[tuple[int, str, str, str]] = []
            for position, (doc_id, title, key) in enumerate(docs):
                reuse = by_key.get(key)
                if reuse:
                    old = reuse.pop()
                    kept.append(Live(doc_id, title, key, old.slot, old.first_pid, old.count))
                else:
                    added.append((position, doc_id, title, key))
            gone = [(d, segments(d.key)) for rest in by_key.values() for d in rest]
            too_much_garbage = meta.garbage + sum(d.count for d, _ in gone) > max(
                MIN_GARBAGE, sum(d.count for d in kept)
            )
            # a gone document's words leave the vocabulary: without its segment, start over
            if too_much_garbage or any(segment is None for _, segment in gone):
                meta = self._fresh(meta)
                kept, gone = [], []
                added = [(i, doc_id, title, key) for i, (doc_id, title, key) in enumerate(docs)]
            return self._apply(meta, docs, kept, gone, added, segments, base_readings,
                               progress or (lambda _f: None))

    def _fresh(self, old: Meta | None) -> Meta:
        generation = (old.generation + 1) if old is not None else 1
        # other generations are dropped; a reader still using one keeps its open files
        for child in self.folder.glob("g*"):
            if child.name != f"g{generation}":
                shutil.rmtree(child, ignore_errors=True)
        folder = self.generation_dir(generation)
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "tantivy").mkdir(parents=True)
        for name in ("initials", "folded", "records", "pids", "grams"):
            (folder / name).write_bytes(b"")
        tantivy.Index(_schema(), str(folder / "tantivy"))
        return Meta(generation=generation, docs=[], vocabulary=Vocabulary())

    def _apply(
        self,
        meta: Meta,
        docs: Sequence[tuple[str, str, str]],
        kept: list[Live],
        gone: list[tuple[Live, Segment | None]],
        added: list[tuple[int, str, str, str]],
        segments: Segments,
        base_readings: Callable[[], dict[str, str]],
        progress: Progress,
    ) -> StoreBackend:
        folder = self.generation_dir(meta.generation)
        vocabulary = meta.vocabulary or Vocabulary()
        if not vocabulary.chars:
            vocabulary.chars.update(base_readings())
        if gone or added:
            meta.clean = False
            self._write_meta(meta)
            index = tantivy.Index.open(str(folder / "tantivy"))
            writer = index.writer(WRITER_HEAP, 1)
            for old, old_segment in gone:
                writer.delete_documents_by_term("slot", old.slot)
                meta.garbage += old.count
                if old_segment is not None:
                    vocabulary.remove(old_segment)
            new: dict[int, Live] = {}
            with _Appender(folder, meta) as files:
                for done, (position, doc_id, title, key) in enumerate(added, 1):
                    segment = segments(key)
                    if segment is None:
                        raise OSError(f"no search segment for {doc_id}")
                    progress(done / len(added))
                    slot = meta.next_slot
                    meta.next_slot += 1
                    first = files.add(segment, slot)
                    for local, units in enumerate(segment.units):
                        writer.add_document(tantivy.Document(
                            units=units, slot=slot, key=(slot << LOCAL_BITS) | local))
                    vocabulary.add(segment)
                    new[position] = Live(doc_id, title, key, slot, first, len(segment))
            writer.commit()
            writer.wait_merging_threads()
            # kept documents in their old order, new ones at their places
            rest = iter(kept)
            meta.docs = [new[i] if i in new else next(rest) for i in range(len(docs))]
        else:
            meta.docs = kept
        meta.vocabulary = vocabulary
        meta.clean = True
        self._write_meta(meta)
        return StoreBackend(folder, meta, self.discard)

    def _write_meta(self, meta: Meta) -> None:
        if not write_blob(self.meta_path, marshal.dumps(meta.to_plain())):
            raise OSError(f"cannot write {self.meta_path}")


def _same_docs(meta: Meta, docs: Sequence[tuple[str, str, str]]) -> bool:
    live = meta.docs or []
    return len(live) == len(docs) and all(
        (d.doc_id, d.title, d.key) == tuple(want) for d, want in zip(live, docs, strict=True)
    )


class _Appender:
    """Appends segments' paragraphs to the data files, from the lengths `meta` vouches for
    (anything past them is what an interrupted update left: overwritten)."""

    def __init__(self, folder: Path, meta: Meta) -> None:
        self.folder = folder
        self.meta = meta

    def __enter__(self) -> _Appender:
        meta = self.meta
        self.files = {
            name: open(self.folder / name, "r+b")  # noqa: SIM115 (closed in __exit__)
            for name in ("initials", "folded", "records", "pids", "grams")
        }
        for name, length in (("initials", meta.chars), ("folded", meta.chars * 4),
                             ("records", meta.records), ("pids", meta.pids * PID.size)):
            self.files[name].truncate(length)
            self.files[name].seek(length)
        return self

    def add(self, segment: Segment, slot: int) -> int:
        """Append `segment` (its gram bitmap at its slot); the pid of its first paragraph."""
        grams = self.files["grams"]
        grams.seek(slot * GRAM_BYTES)
        grams.write(segment.grams)
        meta = self.meta
        first = meta.pids
        initials, folded = [], []
        records, pids = [], []
        for i in range(len(segment)):
            line = segment.initials[i] + "\n"
            text = segment.folded_text(i) + "\n"
            record = marshal.dumps((segment.ns[i], segment.texts[i],
                                    tuple(segment.sections[i]), segment.labels[i],
                                    segment.kinds[i]))
            pids.append(PID.pack(meta.chars, len(line) - 1, meta.records, len(record)))
            initials.append(line)
            folded.append(text)
            records.append(record)
            meta.chars += len(line)
            meta.records += len(record)
            meta.pids += 1
        self.files["initials"].write("".join(initials).encode("ascii", "replace"))
        self.files["folded"].write("".join(folded).encode("utf-32-le", "surrogatepass"))
        self.files["records"].write(b"".join(records))
        self.files["pids"].write(b"".join(pids))
        return first

    def __exit__(self, *exc: object) -> None:
        for handle in self.files.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()


class _Reader:
    """Reads byte ranges of a file: `os.pread` (no shared position: threads may read at once)
    where there is one, else seek and read under a lock."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 (closed by close() or when collected)
        self._lock = threading.Lock()

    def read(self, offset: int, length: int) -> bytes:
        if hasattr(os, "pread"):
            return os.pread(self._file.fileno(), length, offset)
        with self._lock:
            self._file.seek(offset)
            return self._file.read(length)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._file.close()


def _map(path: Path, length: int) -> mmap.mmap | bytes:
    if length == 0:
        return b""
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), length, access=mmap.ACCESS_READ)


class DamagedIndex(Exception):
    """The on-disk index does not read back as written; it is discarded, to be rebuilt."""


class StoreBackend:
    """A `Backend` over the on-disk index (see `index.Backend`): nothing is read until asked.

    Data that does not decode raises `DamagedIndex` after `damaged` (the store's `discard`) is
    called, so the next load rebuilds the index rather than trusting it again.
    """

    def __init__(self, folder: Path, meta: Meta, damaged: Callable[[], None]) -> None:
        self.meta = meta
        self._damaged = damaged
        live = meta.docs or []
        self.docs = [(d.doc_id, d.title) for d in live]
        self._index = tantivy.Index.open(str(folder / "tantivy"))
        self._searcher = self._index.searcher()
        self._schema = self._index.schema
        self._initials = _map(folder / "initials", meta.chars)
        # texts and records are read with pread, not mapped: a typing session reads a
        # thousand scattered paragraphs a keystroke, and mapped pages would count as the
        # process's memory (hundreds of MB at 400,000 paragraphs) where the page cache does not
        self._folded = _Reader(folder / "folded")
        self._records = _Reader(folder / "records")
        self._recent: dict[int, str] = {}
        self._pids = _map(folder / "pids", meta.pids * PID.size)
        self._grams = _map(folder / "grams", meta.next_slot * GRAM_BYTES)
        self._with_paragraphs = [i for i, d in enumerate(live) if d.count]
        # per live document, the span of the initials its paragraphs take (read on first use)
        self._spans: dict[int, tuple[int, int]] = {}
        self._by_slot = {d.slot: (i, d) for i, d in enumerate(live)}
        # live documents (with paragraphs) by first pid: "which document holds this pid"
        order = sorted((i for i, d in enumerate(live) if d.count), key=lambda i: live[i].first_pid)
        self._firsts = [live[i].first_pid for i in order]
        self._docs_by_pid = order
        self._live = live
        self._count = sum(d.count for d in live)

    def __len__(self) -> int:
        return self._count

    def planner(self) -> QueryPlanner:
        vocabulary = self.meta.vocabulary or Vocabulary()
        latin = vocabulary.latin
        return QueryPlanner(
            query_freq=vocabulary.query_freq(),
            latin_vocab=sorted(latin),
            frequency=lambda word: latin.get(word, 0),
            readings=vocabulary.chars,
            occurrences=self._occurrences,
        )

    def candidates(self, plan: Plan, doc: int | None, limit: int) -> list[tuple[int, int]]:
        units = [u for u in plan.units if u]
        if not units:
            return []
        should = tantivy.Occur.Should
        query = tantivy.Query.boolean_query([
            (should, tantivy.Query.const_score_query(
                tantivy.Query.term_query(self._schema, "units", unit), 1.0))
            for unit in units
        ])
        if doc is not None:
            must = tantivy.Occur.Must
            slot = self._live[doc].slot
            query = tantivy.Query.boolean_query(
                [(must, query), (must, tantivy.Query.term_query(self._schema, "slot", slot))]
            )
        try:
            hits = self._searcher.search(query, limit, count=False).hits
            keys = self._searcher.fast_field_values("key", [address for _, address in hits])
        except ValueError as err:  # tantivy's own files did not read back
            raise self._damage(err) from None
        out = []
        mask = (1 << LOCAL_BITS) - 1
        by_slot = self._by_slot
        for key in keys:
            if not isinstance(key, int):
                continue
            found = by_slot.get(key >> LOCAL_BITS)
            local = key & mask
            if found is not None and local < found[1].count:
                # corpus order: the document's place, then the paragraph's
                out.append((found[1].first_pid + local, (found[0] << 32) | local))
        return out

    def _pid(self, pid: int) -> tuple[int, int, int, int]:
        found: tuple[int, int, int, int] = PID.unpack_from(self._pids, pid * PID.size)
        if found[0] + found[1] > self.meta.chars or found[2] + found[3] > self.meta.records:
            raise self._damage(ValueError(f"paragraph {pid} points past the data"))
        return found

    def folded(self, pid: int) -> str:
        # successive keystrokes of one query score mostly the same candidates: keep the last
        # few thousand texts rather than read them again (a pread each)
        text = self._recent.get(pid)
        if text is None:
            start, length, _, _ = self._pid(pid)
            text = self._text(start, length)
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            self._recent[pid] = text
        return text

    def _text(self, start: int, length: int) -> str:
        try:
            raw = self._folded.read(start * 4, length * 4)
            if len(raw) != length * 4:
                raise ValueError("the texts end early")
            return raw.decode("utf-32-le", "surrogatepass")
        except (OSError, ValueError) as err:  # UnicodeDecodeError is a ValueError
            raise self._damage(err) from None

    def _damage(self, err: Exception) -> DamagedIndex:
        self._damaged()
        return DamagedIndex(f"the search index is damaged ({err}); it will be rebuilt")

    def _doc_of(self, pid: int) -> int | None:
        i = bisect.bisect_right(self._firsts, pid) - 1
        if i < 0:
            return None
        index = self._docs_by_pid[i]
        d = self._live[index]
        return index if pid < d.first_pid + d.count else None

    def record(self, pid: int) -> Record:
        _, _, offset, length = self._pid(pid)
        try:
            n, text, section, label, kind = marshal.loads(self._records.read(offset, length))
            index = self._doc_of(pid)
            return Record(index if index is not None else 0, n, text, tuple(section), label, kind)
        except (OSError, ValueError, TypeError, EOFError) as err:
            raise self._damage(err) from None

    def close(self) -> None:
        self._folded.close()
        self._records.close()

    def _occurrences(self, pattern: str, limit: int) -> Iterator[str]:
        """Where the pinyin initials read `pattern`, document by document in corpus order (so
        the first `limit` are those the in-memory index finds), in the documents whose gram
        bitmaps say they may hold it: a scan costs what its hits cost, not what the corpus
        weighs (400,000 paragraphs: ~70 MB of initials)."""
        try:
            needle = pattern.encode("ascii")
        except UnicodeEncodeError:
            return
        initials, size, seen = self._initials, len(pattern), 0
        for index in self._docs_holding(gram_ids(pattern)):
            start, end = self._span(index)
            pos = initials.find(needle, start, end)
            while pos != -1:
                if seen >= limit:
                    return
                yield self._text(pos, size)
                seen += 1
                pos = initials.find(needle, pos + 1, end)

    def _docs_holding(self, ids: set[int] | None) -> list[int]:
        """The live documents (indexes, corpus order) whose bitmaps hold every gram of `ids`
        (all of them if None), found a bitmap column at a time: the byte of each gram's bit
        in every slot's row is one strided slice, and the slots that have the bit are the
        bits of one big int (C speed; 5,000 documents in microseconds)."""
        live = self._with_paragraphs
        if not ids or not self.meta.next_slot:
            return live
        rows = self._grams
        holding: int | None = None
        for gram in ids:
            column = rows[gram >> 3 :: GRAM_BYTES]
            has = int.from_bytes(column.translate(_HAS_BIT[gram & 7]), "little")
            holding = has if holding is None else holding & has
        assert holding is not None
        flags = holding.to_bytes(self.meta.next_slot, "little")
        return [i for i in live if flags[self._live[i].slot]]

    def _span(self, index: int) -> tuple[int, int]:
        span = self._spans.get(index)
        if span is None:
            doc = self._live[index]
            first = self._pid(doc.first_pid)
            last = self._pid(doc.first_pid + doc.count - 1)
            span = self._spans[index] = (first[0], last[0] + last[1])
        return span

