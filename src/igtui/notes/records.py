"""Bookmark records: what a bookmark holds, how it reads and writes as JSON, and how it
re-attaches to its paragraph in a (possibly edited) corpus. No I/O here: see `store`."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.notes.anchoring import Anchor, DocIndex, anchor_for, locate

SCHEMA = "igtui-notes"
SCHEMA_VERSION = 1


class NotesFormatError(ValueError):
    """Data that is not a notes file or a list of bookmark records."""


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
                detached=bool(data.get("detached", False)),
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
    fine); NotesFormatError if they are not one."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise NotesFormatError("not valid JSON") from err
    return parse_records(data)


def parse_records(data: Any) -> list[Bookmark]:
    """Bookmarks from a notes file / JSON export, or from a bare list (`notes list --json`)."""
    if isinstance(data, dict):
        if data.get("schema") != SCHEMA:
            raise NotesFormatError("not an igtui notes file")
        if data.get("version") != SCHEMA_VERSION:
            raise NotesFormatError(f"unsupported notes file version {data.get('version')!r}")
        data = data.get("bookmarks")
    if not isinstance(data, list):
        raise NotesFormatError("expected a list of bookmarks")
    records = []
    for item in data:
        if not isinstance(item, dict):
            raise NotesFormatError("a bookmark record is not a JSON object")
        records.append(Bookmark.from_json(item))
    return records


def reanchor(bookmarks: Iterable[Bookmark], corpus: Corpus) -> list[Bookmark]:
    """The bookmarks re-attached to their paragraphs in `corpus`, order kept.

    Attached ones get their current `n`, section and label; the rest keep their old data and
    are marked detached (a document missing from `corpus` detaches its bookmarks). The stored
    quote is kept either way: it is the anchor.
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
        out.append(replace(b, detached=True) if index is None else _reanchor_in(b, index))
    return out


def _reanchor_in(bookmark: Bookmark, index: DocIndex) -> Bookmark:
    match = locate(bookmark.anchor, index, bookmark.n)
    if match is None:
        return replace(bookmark, detached=True)
    p = index.doc.paragraph(match.n)
    return replace(bookmark, n=p.n, section=p.section, label=p.label, detached=False)


def reading_order(bookmarks: Iterable[Bookmark], corpus: Corpus) -> list[Bookmark]:
    """Documents in corpus order (unknown ones last, by id), then by paragraph."""
    order = {d.id: i for i, d in enumerate(corpus.documents)}
    return sorted(bookmarks, key=lambda b: (order.get(b.doc, len(order)), b.doc, b.n))


