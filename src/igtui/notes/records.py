"""Bookmark records: what a bookmark holds, how it reads and writes as JSON, and how it
re-attaches to its paragraph in a (possibly edited) corpus. No I/O here: see `store`.

Reading is tolerant, record by record (`parse_file`): one record with a wrong type does not
cost the others; ids that repeat are made unique; a file of a newer format version is read as
far as its records are understood, and said to be newer so the store leaves it alone.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.notes.anchoring import Anchor, DocIndex, anchor_for, locate

SCHEMA = "igtui-notes"
SCHEMA_VERSION = 1


class NotesFormatError(ValueError):
    """Data that is not a notes file or a list of bookmark records."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a notes file (or export) held: the records that could be read, and what was not."""

    records: list[Bookmark]
    # records that are not bookmark records (wrong types, missing fields)
    bad: int = 0
    # records whose id repeated an earlier one's, given a new one
    renamed: int = 0
    # the file's format version (SCHEMA_VERSION for a bare list)
    version: int = 1
    # one-line reasons for the bad records (the first few)
    reasons: list[str] = field(default_factory=list)

    @property
    def newer(self) -> bool:
        """Written by a newer igtui: to be read, never rewritten."""
        return self.version > SCHEMA_VERSION

    @property
    def needs_repair(self) -> bool:
        return not self.newer and (self.bad > 0 or self.renamed > 0)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    doc: str
    n: int
    quote: str
    context_before: str
    context_after: str
    quote_hash: str
    note: str
    created: str
    updated: str
    section: tuple[str, ...] = ()
    label: str | None = None
    doc_title: str = ""
    # the translation paired with the quoted paragraph, if the document pairs them
    pair_quote: str | None = None
    # set by `reanchor` when the quoted text is no longer in the document; never stored as truth
    detached: bool = False
    # set by `reanchor` when the document is not among those open now (so nothing is known
    # of its text); never stored
    absent: bool = False

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.quote, self.context_before, self.context_after, self.quote_hash)

    @classmethod
    def create(cls, doc: Document, paragraph: Paragraph, note: str = "") -> Bookmark:
        """A new bookmark on `paragraph`, which must belong to `doc`."""
        anchor = anchor_for(doc, paragraph.n)
        pair = paragraph.pair
        stamp = now_iso()
        return cls(
            id=new_id(), doc=doc.id, n=paragraph.n, quote=anchor.quote,
            context_before=anchor.context_before, context_after=anchor.context_after,
            quote_hash=anchor.quote_hash, note=note, created=stamp, updated=stamp,
            section=paragraph.section, label=paragraph.label, doc_title=doc.title,
            pair_quote=doc.paragraph(pair).text if pair else None,
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Bookmark:
        """NotesFormatError if `data` is not a bookmark record."""
        try:
            record = cls(
                id=_str(data["id"]), doc=_str(data["doc"]), n=_int(data["n"]),
                quote=_str(data["quote"]), context_before=_str(data.get("context_before", "")),
                context_after=_str(data.get("context_after", "")),
                quote_hash=_str(data["quote_hash"]), note=_str(data.get("note", "")),
                created=_str(data["created"]), updated=_str(data.get("updated", data["created"])),
                section=tuple(_str(s) for s in data.get("section") or ()),
                label=_opt_str(data.get("label")), doc_title=_str(data.get("doc_title", "")),
                pair_quote=_opt_str(data.get("pair_quote")),
                detached=data.get("detached", False) is True,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise NotesFormatError(f"not a bookmark record ({err!r})") from err
        if not record.id or record.n < 1:
            raise NotesFormatError(f"bookmark record with id {record.id!r} and n {record.n}")
        return record

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "doc": self.doc, "n": self.n, "note": self.note,
            "quote": self.quote, "created": self.created, "updated": self.updated,
            "section": list(self.section), "label": self.label, "doc_title": self.doc_title,
            "context_before": self.context_before, "context_after": self.context_after,
            "quote_hash": self.quote_hash, "pair_quote": self.pair_quote,
            "detached": self.detached,
        }


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def document_json(bookmarks: Iterable[Bookmark]) -> dict[str, Any]:
    """The notes file's content; also the JSON export, so an export imports back as is."""
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "bookmarks": [b.as_json() for b in bookmarks],
    }


def parse_json(raw: bytes) -> list[Bookmark]:
    """Bookmarks from the bytes of a notes file or export (a BOM, as Windows editors add, is
    fine); NotesFormatError if they are not one. Records that cannot be read are left out:
    `parse_file` says how many."""
    return parse_file(raw).records


def parse_file(raw: bytes) -> Parsed:
    """The records of a notes file or export; NotesFormatError if it is not one at all.

    Any failure of the JSON reader on absurd input (nesting deep enough for RecursionError,
    an integer of a million digits, MemoryError) is a NotesFormatError too, never a crash.
    """
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError, MemoryError) as err:
        # ValueError covers JSONDecodeError, UnicodeDecodeError and the int-digits limit
        raise NotesFormatError(f"not valid JSON ({type(err).__name__})") from None
    return parse_data(data)


def parse_records(data: Any) -> list[Bookmark]:
    """Bookmarks from a notes file / JSON export, or from a bare list (`notes list --json`)."""
    return parse_data(data).records


def parse_data(data: Any) -> Parsed:
    """`parse_file` of already decoded JSON."""
    version = SCHEMA_VERSION
    if isinstance(data, dict):
        if data.get("schema") != SCHEMA:
            raise NotesFormatError("not an igtui notes file")
        stated = data.get("version")
        if isinstance(stated, bool) or not isinstance(stated, int) or stated < 1:
            raise NotesFormatError(f"unsupported notes file version {stated!r}")
        version = stated
        data = data.get("bookmarks")
    if not isinstance(data, list):
        raise NotesFormatError("expected a list of bookmarks")
    records: list[Bookmark] = []
    reasons: list[str] = []
    bad = 0
    for item in data:
        try:
            if not isinstance(item, dict):
                raise NotesFormatError("a bookmark record is not a JSON object")
            records.append(Bookmark.from_json(item))
        except NotesFormatError as err:
            bad += 1
            if len(reasons) < 3:
                reasons.append(str(err))
    unique, renamed = unique_ids(records)
    return Parsed(unique, bad=bad, renamed=renamed, version=version, reasons=reasons)


def unique_ids(records: list[Bookmark]) -> tuple[list[Bookmark], int]:
    """`records` with an id that repeats an earlier one's made unique (`id-2`, `id-3` …:
    the same on every read, so an id printed once still works before the file is rewritten);
    and how many were renamed."""
    taken = {b.id for b in records}
    seen: set[str] = set()
    out: list[Bookmark] = []
    renamed = 0
    for b in records:
        if b.id in seen:
            i = 2
            while f"{b.id}-{i}" in taken:
                i += 1
            b = replace(b, id=f"{b.id}-{i}")
            taken.add(b.id)
            renamed += 1
        seen.add(b.id)
        out.append(b)
    return out, renamed


def reanchor(bookmarks: Iterable[Bookmark], corpus: Corpus) -> list[Bookmark]:
    """The bookmarks re-attached to their paragraphs in `corpus`, order kept.

    Attached ones get their current `n`, section and label; those whose text is gone keep
    their old data and are marked detached; those of a document not in `corpus` (another
    folder, not open now) are marked absent: nothing is known of their text. The stored quote
    is kept either way: it is the anchor.
    """
    indexes: dict[str, DocIndex | None] = {}
    out = []
    for b in bookmarks:
        if b.doc not in indexes:
            try:
                indexes[b.doc] = DocIndex(corpus.document(b.doc))
            except KeyError:
                indexes[b.doc] = None
        index = indexes[b.doc]
        out.append(
            replace(b, detached=False, absent=True) if index is None else _reanchor_in(b, index)
        )
    return out


def _reanchor_in(bookmark: Bookmark, index: DocIndex) -> Bookmark:
    match = locate(bookmark.anchor, index, bookmark.n)
    if match is None:
        return replace(bookmark, detached=True, absent=False)
    p = index.doc.paragraph(match.n)
    return replace(
        bookmark, n=p.n, section=p.section, label=p.label, detached=False, absent=False
    )


def reading_order(bookmarks: Iterable[Bookmark], corpus: Corpus) -> list[Bookmark]:
    """Documents in corpus order (unknown ones last, by id), then by paragraph."""
    order = {d.id: i for i, d in enumerate(corpus.documents)}
    return sorted(bookmarks, key=lambda b: (order.get(b.doc, len(order)), b.doc, b.n))


