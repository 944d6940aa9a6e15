"""Bookmarks and notes as Markdown (to paste into a paper or Obsidian), JSON or CSV; the
documents they cite as BibTeX or CSL-JSON (for Zotero).

No Textual imports: the CLI's `igtui export` and the app's export dialog both call these.

- Markdown opens with YAML front matter listing the cited documents' metadata and references
  in the chosen citation style (Obsidian shows it as properties); each document's reference
  follows its title, and an entry's locator names its page where the document has pages.

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
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from igtui.corpus.model import Corpus, Document
from igtui.notes.bibtex import to_bibtex
from igtui.notes.records import Bookmark, document_json, reading_order, reanchor
from igtui.reading.citation import (
    DEFAULT_STYLE,
    SECTION_SEPARATOR,
    STYLES,
    StyleId,
    csl_item,
    page_locator,
    reference,
)
from igtui.reading.display import json_text
from igtui.reading.locator import locator
from igtui.storage import write_atomic

Format = Literal["md", "json", "csv", "bib", "csl-json"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv", "bib", "csl-json")
# the file name extension of each format
EXTENSIONS: dict[Format, str] = {
    "md": "md", "json": "json", "csv": "csv", "bib": "bib", "csl-json": "json",
}

CSV_COLUMNS = (
    "id", "doc", "doc_title", "section", "label", "n", "quote", "note", "created", "updated",
    "detached", "pair_quote", "locator", "page", "reference",
)
# a byte-order mark is how Excel recognises UTF-8; without it Chinese opens as mojibake
CSV_ENCODING = "utf-8-sig"
# what makes a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_markdown(
    bookmarks: Iterable[Bookmark], corpus: Corpus, style: StyleId = DEFAULT_STYLE
) -> str:
    """Front matter, then the entries grouped by document (in corpus order), each group under
    its title and reference, each entry in reading order."""
    groups: dict[str, list[Bookmark]] = {}
    for b in reading_order(reanchor(bookmarks, corpus), corpus):
        groups.setdefault(b.doc, []).append(b)
    blocks = []
    references: dict[str, str] = {}
    for doc_id, entries in groups.items():
        doc = _document(corpus, doc_id)
        title = doc.title if doc else entries[0].doc_title or doc_id
        blocks.append(f"## {_one_line(title)}")
        if doc is not None:
            references[doc_id] = reference(doc, style)
            blocks.append(_one_line(references[doc_id]))
        blocks.extend(_markdown_entry(b, doc) for b in entries)
    if not blocks:
        return ""
    return _front_matter(groups, corpus, references, style) + "\n\n".join(blocks) + "\n"


def _front_matter(
    groups: dict[str, list[Bookmark]],
    corpus: Corpus,
    references: dict[str, str],
    style: StyleId,
) -> str:
    """YAML (every value a JSON string, which YAML reads as is) that Obsidian shows as the
    note's properties: the citation style and each cited document's metadata."""
    lines = ["---", "tags: [igtui]", f"citation-style: {_yaml(STYLES[style].name)}",
             "documents:"]
    for doc_id, entries in groups.items():
        doc = _document(corpus, doc_id)
        lines.append(f"  - id: {_yaml(doc_id)}")
        lines.append(f"    title: {_yaml(doc.title if doc else entries[0].doc_title)}")
        if doc is not None:
            for key, value in doc.metadata.as_json().items():
                if isinstance(value, str) and value:
                    lines.append(f"    {key}: {_yaml(value)}")
            lines.append(f"    reference: {_yaml(references[doc_id])}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _yaml(text: str) -> str:
    return json.dumps(_one_line(text), ensure_ascii=False)


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
    page = _page(b, doc)
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
    place = f"{where}, {page}" if page else where
    lines += ["", f"*{b.doc}, {place}{f' — {status}' if status else ''}*"]
    return "\n".join(lines)


def _page(b: Bookmark, doc: Document | None) -> str:
    """"第12页" / "p. 12" for a bookmark in a document with pages, "" otherwise."""
    if doc is None or b.detached or b.absent or not 1 <= b.n <= len(doc.paragraphs):
        return ""
    return page_locator(doc, doc.paragraph(b.n))


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


def to_csv(
    bookmarks: Iterable[Bookmark], corpus: Corpus | None = None, style: StyleId = DEFAULT_STYLE
) -> str:
    """One row per bookmark (without the BOM: `render` adds it when encoding); text cells
    made inert for spreadsheets. With `corpus`, the locator column is today's locator, and the
    page and the document's reference (in `style`) are filled in."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    references: dict[str, str] = {}
    for b in bookmarks:
        doc = _document(corpus, b.doc) if corpus is not None else None
        where = bookmark_locator(b, doc)
        status = "not open" if b.absent else "yes" if b.detached else ""
        if doc is not None and b.doc not in references:
            references[b.doc] = reference(doc, style)
        cells = [
            b.id, b.doc, b.doc_title, SECTION_SEPARATOR.join(b.section), b.label or "", str(b.n),
            b.quote, b.note, b.created, b.updated, status, b.pair_quote or "", where,
            _page(b, doc), references.get(b.doc, ""),
        ]
        writer.writerow([inert(cell) for cell in cells])
    return out.getvalue()


def cited_items(bookmarks: Iterable[Bookmark], corpus: Corpus) -> list[dict[str, Any]]:
    """CSL-JSON items of the documents the bookmarks cite, in corpus order (a document no
    longer in the corpus: what its bookmarks remember, its title)."""
    titles: dict[str, str] = {}
    for b in bookmarks:
        titles.setdefault(b.doc, b.doc_title or b.doc)
    order = {doc.id: index for index, doc in enumerate(corpus.documents)}
    items = []
    for doc_id in sorted(titles, key=lambda d: (order.get(d, len(order)), d)):
        doc = _document(corpus, doc_id)
        items.append(
            csl_item(doc) if doc else {"id": doc_id, "type": "report", "title": titles[doc_id]}
        )
    return items


def to_csl_json(bookmarks: Iterable[Bookmark], corpus: Corpus) -> str:
    """The cited documents as a CSL-JSON array: Zotero's "Import from Clipboard/File"."""
    return json_text(cited_items(bookmarks, corpus), indent=2) + "\n"


def render(
    fmt: Format, bookmarks: Sequence[Bookmark], corpus: Corpus, style: StyleId = DEFAULT_STYLE
) -> bytes:
    """The export as the bytes to write: UTF-8, with a BOM for CSV."""
    if fmt == "md":
        return to_markdown(bookmarks, corpus, style).encode("utf-8")
    anchored = reanchor(bookmarks, corpus)
    if fmt == "json":
        return to_json(anchored).encode("utf-8")
    if fmt == "csv":
        return to_csv(anchored, corpus, style).encode(CSV_ENCODING)
    if fmt == "csl-json":
        return to_csl_json(anchored, corpus).encode("utf-8")
    if fmt == "bib":
        return to_bibtex(cited_items(anchored, corpus)).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


def write_new_file(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to `path` atomically; FileExistsError if it exists and not `force`;
    storage.NotRegularFile if it is a device, FIFO or folder (never replaced, even with
    `force`). Other OSErrors (missing folder, permissions, disk full) propagate; no partial
    file is left."""
    write_atomic(path, data, overwrite=force)
