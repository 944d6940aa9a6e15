"""Bookmarks and notes as Markdown (to paste into a paper or Obsidian), JSON or CSV.

No Textual imports: the CLI's `igtui export` and the app's export dialog both call these.

- Every entry names its paragraph by its locator (`igtui.reading.locator`: ¶51, 第37条, @12),
  the same the reader shows and the CLI takes.
- JSON is the notes file's own format, readable UTF-8 (Chinese as is), exact on a round trip
  through `igtui notes import`; only what a terminal would obey is \\u-escaped.
- CSV is for spreadsheets, so a cell that starts with = + - @ (or a tab or carriage return)
  gets a leading apostrophe: Excel, LibreOffice and Google Sheets would otherwise run it as a
  formula (OWASP's "CSV injection"). Use the JSON export for exact data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from igtui.corpus.model import Corpus, Document
from igtui.notes.records import Bookmark, document_json, reading_order, reanchor
from igtui.reading.citation import SECTION_SEPARATOR
from igtui.reading.display import json_text
from igtui.reading.locator import locator
from igtui.storage import write_atomic

Format = Literal["md", "json", "csv"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv")

CSV_COLUMNS = (
    "id", "doc", "doc_title", "section", "label", "n", "quote", "note", "created", "updated",
    "detached", "pair_quote", "locator",
)
# a byte-order mark is how Excel recognises UTF-8; without it Chinese opens as mojibake
CSV_ENCODING = "utf-8-sig"
# what makes a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    """The document `doc_id` of `corpus`, None if it is not there."""
    try:
        return corpus.document(doc_id)
    except KeyError:
        return None


def section_and_label(section: Sequence[str], where: str | None, title: str = "") -> str:
    """Section path and locator, e.g. `第一章 › 总则 · 第三条`; empty if there are neither.
    A section named as the document `title` is left out (the title is shown beside it)."""
    path = SECTION_SEPARATOR.join(s for s in section if s != title or not title)
    if where:
        return f"{path} · {where}" if path else where
    return path


def stored_locator(b: Bookmark) -> str:
    """The locator a bookmark had when it was saved (its document not at hand)."""
    return plain_locator(b.label, b.n)


def plain_locator(label: str | None, n: int) -> str:
    """A locator from a label alone, without the document (which a full locator needs to
    know whether the label repeats): ¶51 for a number, the label as it is, else @n."""
    label = (label or "").strip()
    if not label:
        return f"@{n}"
    return f"¶{label}" if label.isdigit() else label


def bookmark_locator(b: Bookmark, doc: Document | None) -> str:
    """Where a (re-anchored) bookmark is: its paragraph's locator today, or the saved one
    when its document is not open or its text is gone."""
    if doc is None or b.detached or b.absent or not 1 <= b.n <= len(doc.paragraphs):
        return stored_locator(b)
    return locator(doc, b.n)


def status_note(b: Bookmark) -> str:
    """Why a bookmark cannot be shown in its document now, "" when it can."""
    if b.absent:
        return "its document is not open now"
    if b.detached:
        return "detached: this text is no longer in the document"
    return ""


def _markdown_entry(b: Bookmark, doc: Document | None) -> str:
    where = bookmark_locator(b, doc)
    heading = section_and_label(b.section, where)
    lines = [f"### {_one_line(heading)}", ""]
    # the paragraph as it reads now; a detached bookmark can only show what was quoted
    quote = b.quote if b.detached or b.absent or doc is None else doc.paragraph(b.n).text
    lines.append(_blockquote(quote))
    if b.pair_quote:
        lines += [">", _blockquote(b.pair_quote)]
    if b.note.strip():
        lines += ["", b.note.strip("\n")]
    status = status_note(b)
    lines += ["", f"*{b.doc}, {where}{f' — {status}' if status else ''}*"]
    return "\n".join(lines)


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip("\n").splitlines())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_json(bookmarks: Iterable[Bookmark]) -> str:
    """The full records, in the notes file's own format: `igtui notes import` reads it back."""
    return json_text(document_json(bookmarks), indent=2) + "\n"


def inert(cell: str) -> str:
    """`cell` as a spreadsheet will show it rather than run it: a leading apostrophe when it
    starts like a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def to_csv(bookmarks: Iterable[Bookmark], corpus: Corpus | None = None) -> str:
    """One row per bookmark (without the BOM: `render` adds it when encoding); text cells
    made inert for spreadsheets. With `corpus`, the locator column is today's locator."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        doc = _document(corpus, b.doc) if corpus is not None else None
        where = bookmark_locator(b, doc)
        status = "not open" if b.absent else "yes" if b.detached else ""
        cells = [
            b.id, b.doc, b.doc_title, SECTION_SEPARATOR.join(b.section), b.label or "", str(b.n),
            b.quote, b.note, b.created, b.updated, status, b.pair_quote or "", where,
        ]
        writer.writerow([inert(cell) for cell in cells])
    return out.getvalue()


def render(fmt: Format, bookmarks: Sequence[Bookmark], corpus: Corpus) -> bytes:
    """The export as the bytes to write: UTF-8, with a BOM for CSV."""
    if fmt == "md":
        return to_markdown(bookmarks, corpus).encode("utf-8")
    anchored = reanchor(bookmarks, corpus)
    if fmt == "json":
        return to_json(anchored).encode("utf-8")
    if fmt == "csv":
        return to_csv(anchored, corpus).encode(CSV_ENCODING)
    raise ValueError(f"unknown export format {fmt!r}")


def write_new_file(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to `path` atomically; FileExistsError if it exists and not `force`;
    storage.NotRegularFile if it is a device, FIFO or folder (never replaced, even with
    `force`). Other OSErrors (missing folder, permissions, disk full) propagate; no partial
    file is left."""
    write_atomic(path, data, overwrite=force)
