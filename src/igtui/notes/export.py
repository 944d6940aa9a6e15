"""Bookmarks and notes as Markdown (to paste into a paper or Obsidian), JSON or CSV.

No Textual imports: the CLI's `igtui export` and the app's export dialog both call these.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from igtui.corpus.model import Corpus, Document
from igtui.notes.records import Bookmark, document_json, reading_order, reanchor
from igtui.reading.citation import SECTION_SEPARATOR
from igtui.storage import write_atomic

Format = Literal["md", "json", "csv"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv")

CSV_COLUMNS = (
    "id", "doc", "doc_title", "section", "label", "n", "quote", "note", "created", "updated",
    "detached", "pair_quote",
)
# a byte-order mark is how Excel recognises UTF-8; without it Chinese opens as mojibake
CSV_ENCODING = "utf-8-sig"


def to_markdown(bookmarks: Iterable[Bookmark], corpus: Corpus) -> str:
    """Grouped by document (in corpus order), each entry in reading order."""
    groups: dict[str, list[Bookmark]] = {}
    for b in reading_order(reanchor(bookmarks, corpus), corpus):
        groups.setdefault(b.doc, []).append(b)
    blocks = []
    for doc_id, entries in groups.items():
        doc = _document(corpus, doc_id)
        title = doc.title if doc else entries[0].doc_title or doc_id
        blocks.append(f"## {_one_line(title)}")
        blocks.extend(_markdown_entry(b, doc) for b in entries)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _document(corpus: Corpus, doc_id: str) -> Document | None:
    try:
        return corpus.document(doc_id)
    except KeyError:
        return None


def section_and_label(section: Sequence[str], label: str | None) -> str:
    """Section path and label, e.g. `第一章 › 总则 · ¶ 第三条`; empty if there are neither."""
    where = SECTION_SEPARATOR.join(section)
    if label:
        return f"{where} · ¶ {label}" if where else f"¶ {label}"
    return where


def _markdown_entry(b: Bookmark, doc: Document | None) -> str:
    heading = section_and_label(b.section, b.label) or f"Paragraph {b.n}"
    lines = [f"### {_one_line(heading)}", ""]
    # the paragraph as it reads now; a detached bookmark can only show what was quoted
    quote = b.quote if b.detached or doc is None else doc.paragraph(b.n).text
    lines.append(_blockquote(quote))
    if b.pair_quote:
        lines += [">", _blockquote(b.pair_quote)]
    if b.note.strip():
        lines += ["", b.note.strip("\n")]
    lines += ["", _locator(b)]
    return "\n".join(lines)


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip("\n").splitlines())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _locator(b: Bookmark) -> str:
    where = f"¶ {b.label}, paragraph {b.n}" if b.label else f"paragraph {b.n}"
    suffix = " — detached: this text is no longer in the document" if b.detached else ""
    return f"*{b.doc}, {where}{suffix}*"


def to_json(bookmarks: Iterable[Bookmark]) -> str:
    """The full records, in the notes file's own format: `igtui notes import` reads it back."""
    return json.dumps(document_json(bookmarks), ensure_ascii=False, indent=2) + "\n"


def to_csv(bookmarks: Iterable[Bookmark]) -> str:
    """One row per bookmark (without the BOM: `render` adds it when encoding)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        writer.writerow([
            b.id, b.doc, b.doc_title, SECTION_SEPARATOR.join(b.section), b.label or "", b.n,
            b.quote, b.note, b.created, b.updated, "yes" if b.detached else "",
            b.pair_quote or "",
        ])
    return out.getvalue()


def render(fmt: Format, bookmarks: Sequence[Bookmark], corpus: Corpus) -> bytes:
    """The export as the bytes to write: UTF-8, with a BOM for CSV."""
    if fmt == "md":
        return to_markdown(bookmarks, corpus).encode("utf-8")
    anchored = reanchor(bookmarks, corpus)
    if fmt == "json":
        return to_json(anchored).encode("utf-8")
    if fmt == "csv":
        return to_csv(anchored).encode(CSV_ENCODING)
    raise ValueError(f"unknown export format {fmt!r}")


def write_new_file(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to `path` atomically; FileExistsError if it exists and not `force`.

    Other OSErrors (missing folder, permissions, disk full) propagate; no partial file is left.
    """
    write_atomic(path, data, overwrite=force)
