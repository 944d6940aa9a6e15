"""Word (.docx): paragraphs and tables in document order, with what their styles say
(python-docx).

Heading styles ("Heading 2", "标题 2", or an outline level) become headings with their level,
list paragraphs (a list style or numbering) list items with their depth, quote styles quotes,
table rows one block each ("cell | cell"). Bold and italic runs become inline styles.
Footnotes (which python-docx does not expose) are read from the package's footnotes part:
the reference becomes a superscript number in the text, the note a footnote block at the end.
Core properties give the title, author and date.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from igtui.corpus.decoding import UnreadableDocument
from igtui.corpus.model import Metadata, Style, StyleSpan
from igtui.corpus.parsing.source import BlockRole, Source, SourceBlock
from igtui.corpus.readers.declared import meaningful_author, meaningful_title

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph as WordParagraph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题|標題|titre|überschrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "标题", "標題"})
_QUOTE_STYLES = re.compile(r"quote|引用|引文", re.IGNORECASE)
_LIST_STYLES = re.compile(r"^list|列表|清单", re.IGNORECASE)
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read(path: Path) -> Source:
    """The Word file `path`; UnreadableDocument if it is not a .docx."""
    document = _open(path)
    notes = _footnotes(document)
    # style id -> name, read once: python-docx's own lookup scans every style per paragraph
    names = {style.style_id: style.name or "" for style in document.styles}
    blocks: list[SourceBlock] = []
    title = ""
    from docx.table import Table  # python-docx is loaded by _open

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_rows(item))
            continue
        block = _paragraph(item, notes, names)
        if block is None:
            continue
        if not title and _style_name(item, names).lower() in _TITLE_STYLES:
            title = block.text
            block.role, block.level = "heading", 1
        blocks.append(block)
    cited = [n for n in notes.values() if n.cited]
    blocks.extend(SourceBlock(f"{n.number} {n.text}", role="footnote") for n in cited)
    properties = document.core_properties
    if not title and meaningful_title(" ".join((properties.title or "").split()), path):
        title = " ".join(properties.title.split())
    return Source(blocks=blocks, title=title, metadata=_metadata(properties))


def _open(path: Path) -> WordDocument:
    import docx  # here: python-docx and lxml are only needed for Word files
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise UnreadableDocument(_message(path, exc.strerror or type(exc).__name__)) from exc
    if magic == _OLE_MAGIC:
        raise UnreadableDocument(_message(path, "an old binary Word file; save it as .docx"))
    try:
        return docx.Document(str(path))
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(_message(path, "not a Word document (not a zip file)")) from exc
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableDocument(
            _message(path, "not a Word document (a zip without word/document.xml)")
        ) from exc
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged document part
        raise UnreadableDocument(_message(path, f"damaged Word document ({exc})")) from exc


class _Note:
    __slots__ = ("cited", "number", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.number = 0
        self.cited = False


def _footnotes(document: WordDocument) -> dict[str, _Note]:
    """Footnote id -> its text, from word/footnotes.xml (python-docx has no API for it)."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob)
            return {
                note.get(f"{_W}id"): _Note(" ".join("".join(note.itertext()).split()))
                for note in root.iter(f"{_W}footnote")
                if note.get(f"{_W}type") is None  # separators are not notes
            }
    return {}


def _paragraph(
    paragraph: WordParagraph, notes: dict[str, _Note], names: dict[str, str]
) -> SourceBlock | None:
    text, spans = _runs(paragraph, notes, names)
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    kept = tuple(
        (max(0, s - lead), min(len(stripped), e - lead), style)
        for s, e, style in spans
        if min(len(stripped), e - lead) > max(0, s - lead)
    )
    role, level, depth = _role(paragraph, names)
    return SourceBlock(stripped, role=role, level=level, styles=kept, depth=depth)


def _role(paragraph: WordParagraph, names: dict[str, str]) -> tuple[BlockRole, int, int]:
    name = _style_name(paragraph, names)
    heading = _HEADING_STYLE.match(name)
    if heading:
        return "heading", max(1, int(heading.group(1))), 0
    outline = _ppr_value(paragraph, "outlineLvl")
    if outline is not None and outline.isdigit() and int(outline) < 9:
        return "heading", int(outline) + 1, 0
    numbered = _ppr_value(paragraph, "numPr/ilvl")
    if numbered is not None and numbered.isdigit():
        return "list_item", 0, int(numbered)
    if _LIST_STYLES.search(name):
        # "List Bullet 2" is the second level
        nested = re.search(r"(\d)$", name)
        return "list_item", 0, int(nested.group(1)) - 1 if nested else 0
    if _QUOTE_STYLES.search(name):
        return "quote", 0, 0
    return "text", 0, 0


def _style_name(paragraph: WordParagraph, names: dict[str, str]) -> str:
    style_id = paragraph._p.style  # the pStyle id (python-docx's oxml accessor); None: Normal
    return names.get(style_id, "") if style_id else ""


def _ppr_value(paragraph: WordParagraph, path: str) -> str | None:
    ppr = paragraph._p.pPr  # python-docx's documented oxml accessor for paragraph properties
    if ppr is None:
        return None
    node: Any = ppr
    for part in path.split("/"):
        node = node.find(f"{_W}{part}")
        if node is None:
            # numbering can come from the paragraph's style instead
            return None
    return str(node.get(f"{_W}val"))


def _runs(
    paragraph: WordParagraph, notes: dict[str, _Note], names: dict[str, str]
) -> tuple[str, list[StyleSpan]]:
    parts: list[str] = []
    spans: list[StyleSpan] = []
    length = 0
    for run_text, styles in _run_pieces(paragraph, notes, names):
        for style in styles:
            spans.append((length, length + len(run_text), style))
        parts.append(run_text)
        length += len(run_text)
    return "".join(parts), _merged(spans)


def _run_pieces(
    paragraph: WordParagraph, notes: dict[str, _Note], names: dict[str, str]
) -> Iterator[tuple[str, tuple[Style, ...]]]:
    for run in paragraph.runs:
        styles: list[Style] = []
        style_id = run._r.style  # the rStyle id, like pStyle above
        character = names.get(style_id, "").lower() if style_id else ""
        if run.bold or "strong" in character:
            styles.append("strong")
        if run.italic or "emphasis" in character:
            styles.append("em")
        for reference in run._r.iter(f"{_W}footnoteReference"):
            note = notes.get(reference.get(f"{_W}id") or "")
            if note is not None:
                if not note.cited:
                    note.cited = True
                    note.number = sum(1 for n in notes.values() if n.cited)
                yield str(note.number).translate(_SUPERSCRIPTS), ()
        if run.text:
            yield run.text, tuple(styles)


def _merged(spans: list[StyleSpan]) -> list[StyleSpan]:
    """Adjacent runs in the same style as one span (Word splits runs at every edit)."""
    out: list[StyleSpan] = []
    for start, end, style in sorted(spans, key=lambda s: (s[2], s[0])):
        if out and out[-1][2] == style and out[-1][1] == start:
            out[-1] = (out[-1][0], end, style)
        else:
            out.append((start, end, style))
    return sorted(out)


def _table_rows(table: Any) -> list[SourceBlock]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # a merged cell comes back once per grid column it spans
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        text = " | ".join(c for c in cells)
        if text.replace("|", "").strip():
            rows.append(SourceBlock(text, role="table_row"))
    return rows


def _metadata(properties: Any) -> Metadata:
    created = properties.created or properties.modified
    return Metadata(
        author=meaningful_author(properties.author or ""),
        date=created.date().isoformat() if created is not None else "",
    )


def _message(path: Path, reason: str) -> str:
    return f"skipped {path}: {reason}"
