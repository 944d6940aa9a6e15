"""PDF: each page's text lines with their page, position and font size (pypdfium2).

PDFium finds the lines; this module measures them and marks what geometry makes certain:
running headers and footers (same place, same text on several pages), page numbers, footnotes
(small lines below the last body line that start with a marker) and headings (clearly larger
than the body). Superscript digits become superscript characters ("美元¹"), the marker's own
shape. Everything else, paragraphs across pages included, is the pipeline's job.

No OCR: a PDF without a text layer (a scan) is refused with a one-line message, as are
encrypted, damaged and empty ones.
"""

from __future__ import annotations

import ctypes
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from igtui.corpus.decoding import UnreadableDocument
from igtui.corpus.model import Metadata
from igtui.corpus.parsing.source import LineRole, Source, SourceLine
from igtui.corpus.readers.declared import meaningful_author, meaningful_title
from igtui.corpus.readers.pdf_tounicode import Repairer

# Header and footer bands, as shares of the page height.
_TOP_BAND = 0.11
_BOTTOM_BAND = 0.89
# A running header/footer is the same text in the same place on this many pages.
_REPEATS = 3
_REPEATS_SHORT = 2
_SHORT_DOCUMENT = 4  # pages
_REPEAT_Y = 8.0  # points a repeated line may drift between pages
# Relative to the body's font size.
_HEADING_RATIO = 1.12
_FOOTNOTE_RATIO = 0.92
_FOOTNOTE_ZONE = 0.5  # footnotes start in the lower half of the page
_SUPERSCRIPT_RATIO = 0.8
_SUPERSCRIPT_RISE = 0.2
_HEADING_MAX_CHARS = 60
_HEADING_MAX_LINES = 2
# The title on the first page: its largest lines and the lines next to them nearly as large.
_TITLE_RATIO = 0.7
_TITLE_GAP = 2.2
_TITLE_MAX_CHARS = 200
_SNIFF_BYTES = 1024

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:第\s*)?(?P<n>\d{1,4}|[ivxlcdm]{1,6})(?:\s*页)?(?:\s*[-–—])?"
    r"(?:\s*/\s*\d{1,4})?$|^(?:page|p\.)\s*(?P<n2>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_FOOTNOTE_START = re.compile(r"^(?:\[?\d{1,3}\]?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[*†‡]|[①-⑳])(?:\s|[^\d.,．])")
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# PDFium hands over C0 controls for some glyphs (U+0002 for a soft hyphen) and non-characters
_CONTROLS = dict.fromkeys([*range(0x20), 0x7F, 0xFFFE, 0xFFFF])
_CONTROLS.pop(ord("\t"))
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


@dataclass(slots=True)
class _Line:
    text: str
    page: int  # 1-based
    x: float
    top: float  # from the top of the page
    bottom: float  # baseline-ish, from the bottom of the page (PDF canvas units)
    size: float
    role: LineRole | None = None


def read(path: Path) -> Source:
    """The PDF `path` as text lines; UnreadableDocument with a one-line message if it is
    not a PDF, damaged, encrypted, empty or a scan."""
    import pypdfium2 as pdfium  # here, not at module level: it is only needed for PDFs

    data = _read_bytes(path)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(_message(path, _open_error(exc, data))) from exc
    try:
        return _source(path, pdf)
    finally:
        pdf.close()


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(_message(path, exc.strerror or type(exc).__name__)) from exc
    head = data[:_SNIFF_BYTES]
    if b"%PDF-" not in head:
        sniffed = head.lstrip().lower()
        if sniffed.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<")) or b"<html" in head:
            raise UnreadableDocument(_message(path, "not a PDF but an HTML page; rename it .html"))
        raise UnreadableDocument(_message(path, "not a PDF (no %PDF header)"))
    return data


def _open_error(exc: Any, data: bytes) -> str:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "password-protected PDF (igtui cannot open encrypted PDFs)"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted PDF with an unsupported security handler"
    if _page_count(data) == 0:
        # PDFium refuses a page tree without pages as malformed: say what it is
        return "PDF with no pages"
    return "damaged or truncated PDF (it cannot be opened)"


def _page_count(data: bytes) -> int | None:
    """The page count pypdf reads, None if it cannot read the file either."""
    import io

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception:  # whatever pypdf raises on a broken file: it is just damaged
        return None


def _source(path: Path, pdf: Any) -> Source:
    count = len(pdf)
    if count == 0:
        raise UnreadableDocument(_message(path, "PDF with no pages"))
    repairer = Repairer(path)
    pages = [_page_lines(pdf, index, repairer) for index in range(count)]
    lines = [line for page in pages for line in page]
    if not any(line.text.strip() for line in lines):
        raise UnreadableDocument(
            _message(path, "PDF without a text layer (a scan?); igtui does no OCR")
        )
    heights = [pdf[index].get_height() for index in range(count)]
    body = _body_size(lines)
    _mark_furniture(pages, heights)
    for page, height in zip(pages, heights, strict=True):
        _mark_footnotes(page, body, height)
    _mark_headings(lines, body)
    info = pdf.get_metadata_dict(skip_empty=True)
    title = _title(info, pages, path)
    _plain_cover(pages)
    return Source(
        lines=[_source_line(line) for page in pages for line in _reading_order(page)],
        title=title,
        metadata=_metadata(info, _page_labels(pdf, pages)),
    )


def _page_lines(pdf: Any, index: int, repairer: Repairer) -> list[_Line]:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        return _lines(textpage, index, page.get_height(), repairer)
    finally:
        textpage.close()
        page.close()


def _lines(textpage: Any, index: int, height: float, repairer: Repairer) -> list[_Line]:
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:
        # characters outside the BMP: read one by one so indices stay aligned
        text = "".join(
            chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count)
        )
    out: list[_Line] = []
    start = 0
    for raw_line in re.split(r"\r\n|\r|\n", text):
        line = _measure(textpage, raw_line, start, index, height)
        if line is not None:
            line.text = repairer.fix(line.text, index, textpage, start).translate(_CONTROLS)
            if line.text:
                out.append(line)
        start += len(raw_line) + (2 if text[start + len(raw_line):][:2] == "\r\n" else 1)
    return out


def _measure(textpage: Any, text: str, start: int, index: int, height: float) -> _Line | None:
    visible = [i for i, ch in enumerate(text) if not ch.isspace()]
    if not visible:
        return None
    samples = sorted({visible[0], visible[len(visible) // 2], visible[-1]})
    boxes = [textpage.get_charbox(start + i) for i in samples]
    sizes = sorted(_font_size(textpage, start + i) for i in samples)
    size = sizes[len(sizes) // 2]
    # medians: a raised note marker or a descender must not move the line
    bottom = sorted(box[1] for box in boxes)[len(boxes) // 2]
    top = sorted(box[3] for box in boxes)[len(boxes) // 2]
    text = _superscripts(textpage, text, start, size, bottom)
    return _Line(
        text=text.strip(), page=index + 1, x=_origin_x(textpage, start + visible[0], boxes[0][0]),
        top=height - top, bottom=bottom, size=round(size, 1),
    )


def _origin_x(textpage: Any, index: int, fallback: float) -> float:
    """Where the pen stood for the character: a full-width "《" or "（" draws its glyph in the
    right half of its cell, so its box would make the line look indented."""
    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_double(), ctypes.c_double()
    if pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y):
        return float(x.value)
    return float(fallback)


def _font_size(textpage: Any, index: int) -> float:
    import pypdfium2.raw as pdfium_c

    # The text matrix often carries the scale (size 1 drawn at 12x): multiply it in.
    matrix = pdfium_c.FS_MATRIX()
    size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
    if pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
        scale = math.hypot(matrix.c, matrix.d)
        if scale > 0:
            size *= scale
    return size


def _superscripts(textpage: Any, text: str, start: int, size: float, bottom: float) -> str:
    """Digits set small and raised above the line: footnote markers."""
    if not any(ch.isdigit() for ch in text) or size <= 0:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if not ("0" <= ch <= "9"):
            continue
        small = _font_size(textpage, start + i) <= size * _SUPERSCRIPT_RATIO
        if small and textpage.get_charbox(start + i)[1] >= bottom + size * _SUPERSCRIPT_RISE:
            chars[i] = ch.translate(_SUPERSCRIPTS)
    return "".join(chars)


def _body_size(lines: list[_Line]) -> float:
    """The font size most of the text is set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _mark_furniture(pages: list[list[_Line]], heights: list[float]) -> None:
    """Page numbers in the top/bottom bands; lines repeated there, at the same height, on
    other pages (chapter running heads repeat on a few pages only: three is enough)."""
    groups: dict[tuple[str, str], list[_Line]] = {}
    for page in pages:
        for line in page:
            band = _band(line, heights[line.page - 1])
            if band:
                groups.setdefault((band, _shape(line.text)), []).append(line)
    with_text = sum(1 for page in pages if page)
    needed = _REPEATS_SHORT if with_text <= _SHORT_DOCUMENT else _REPEATS
    for (band, _), lines in groups.items():
        for line in lines:
            if _page_number(line.text) is not None:
                line.role = "page_number"
            elif len(lines) >= needed and _aligned(line, lines):
                line.role = "header" if band == "top" else "footer"


def _band(line: _Line, height: float) -> str:
    if line.top < height * _TOP_BAND:
        return "top"
    if height - line.bottom > height * _BOTTOM_BAND:
        return "bottom"
    return ""


def _shape(text: str) -> str:
    """A running header's text with its numbers blanked ("第3页" ~ "第4页")."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _aligned(line: _Line, same_text: list[_Line]) -> bool:
    """The same text at (nearly) the same height on another page."""
    return any(
        other.page != line.page and abs(other.top - line.top) <= _REPEAT_Y
        for other in same_text
    )


def _page_number(text: str) -> str | None:
    match = _PAGE_NUMBER.match(" ".join(text.split()))
    if match is None:
        return None
    return match.group("n") or match.group("n2")


def _mark_footnotes(page: list[_Line], body: float, height: float) -> None:
    """The small lines in the lower half of a page below its last body-size line, from the
    first that starts with a note marker."""
    text_lines = sorted((line for line in page if line.role is None), key=lambda ln: ln.top)
    tail: list[_Line] = []
    for line in reversed(text_lines):
        if line.size >= body * _FOOTNOTE_RATIO:
            break
        tail.insert(0, line)
    above = text_lines[: len(text_lines) - len(tail)]
    if not tail or not above or above[-1].size >= body * _HEADING_RATIO:
        return
    first = next(
        (
            i for i, line in enumerate(tail)
            if _FOOTNOTE_START.match(line.text) and line.top > height * _FOOTNOTE_ZONE
        ),
        None,
    )
    if first is None:
        return
    for line in tail[first:]:
        line.role = "footnote"
    # the marker that opens a note is printed small and raised too; as text it is its number
    for line in tail[first:]:
        line.text = _plain_marker(line.text)


def _plain_marker(text: str) -> str:
    marker = re.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text)
    if marker is None:
        return text
    return marker.group().translate(_PLAIN_DIGITS) + text[marker.end():]


def _mark_headings(lines: list[_Line], body: float) -> None:
    """Short lines clearly larger than the body; a run of many (a preface set large) is text."""
    run: list[_Line] = []
    for line in [*lines, None]:
        big = line is not None and line.role is None and line.size >= body * _HEADING_RATIO
        if big and line is not None and (
            not run or (run[-1].size == line.size and run[-1].page == line.page)
        ):
            run.append(line)
            continue
        if run and len(run) <= _HEADING_MAX_LINES:
            for member in run:
                if len(member.text) <= _HEADING_MAX_CHARS:
                    member.role = "heading"
        run = [line] if big and line is not None else []


def _reading_order(page: list[_Line]) -> list[_Line]:
    """Content order for the text; headers first, footnotes and footers last (by height)."""
    head = sorted((ln for ln in page if ln.role == "header"), key=lambda ln: ln.top)
    foot = sorted(
        (ln for ln in page if ln.role in ("footnote", "footer", "page_number")),
        key=lambda ln: ln.top,
    )
    body = [ln for ln in page if ln.role not in ("header", "footnote", "footer", "page_number")]
    return head + body + foot


def _source_line(line: _Line) -> SourceLine:
    return SourceLine(
        text=line.text, page=line.page, x=round(line.x, 1), y=round(line.top, 1),
        size=line.size, role=line.role,
    )


def _plain_cover(pages: list[list[_Line]]) -> None:
    """On the first page, only the title lines (the largest) are headings: the issuer and
    date set large on a cover are not sections."""
    first = next((page for page in pages if page), [])
    sizes = [ln.size for ln in first if ln.role == "heading"]
    if not sizes:
        return
    for line in first:
        if line.role == "heading" and line.size < max(sizes) * _TITLE_RATIO:
            line.role = None


def _title(info: dict[str, str], pages: list[list[_Line]], path: Path) -> str:
    declared = " ".join(info.get("Title", "").split())
    if meaningful_title(declared, path):
        return declared
    first = next((page for page in pages if page), [])
    return _largest_lines(first)


def _largest_lines(page: list[_Line]) -> str:
    lines = [ln for ln in page if ln.role in (None, "heading") and ln.text]
    if not lines:
        return ""
    largest = max(ln.size for ln in lines)
    sizes = {round(ln.size) for ln in lines}
    if len(sizes) == 1:
        return ""  # nothing stands out: the pipeline finds the title in the text
    ordered = sorted(lines, key=lambda ln: ln.top)
    start = next(i for i, ln in enumerate(ordered) if ln.size == largest)
    picked = [ordered[start]]
    for line in ordered[start + 1:]:
        close = line.top - picked[-1].top <= picked[-1].size * _TITLE_GAP
        if not close or line.size < largest * _TITLE_RATIO:
            break
        picked.append(line)
    return join_lines([ln.text for ln in picked])[:_TITLE_MAX_CHARS]


def join_lines(parts: list[str]) -> str:
    """Wrapped lines as one string: no space between CJK characters, one elsewhere."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(part[0])):
            out += " "
        out += part
    return out


def _page_labels(pdf: Any, pages: list[list[_Line]]) -> tuple[tuple[int, str], ...]:
    """The page number printed on each page (or the PDF's own page label) where it differs
    from the physical page: what a citation should say."""
    labels: list[tuple[int, str]] = []
    for index, page in enumerate(pages):
        printed = next(
            (_page_number(ln.text) for ln in page if ln.role == "page_number"), None
        )
        label = printed or _declared_label(pdf, index)
        if label and label != str(index + 1):
            labels.append((index + 1, label))
    return tuple(labels)


def _declared_label(pdf: Any, index: int) -> str:
    try:
        return str(pdf.get_page_label(index) or "")
    except Exception:  # a missing or odd /PageLabels tree is no label, whatever it raises
        return ""


def _metadata(info: dict[str, str], labels: tuple[tuple[int, str], ...]) -> Metadata:
    return Metadata(
        author=meaningful_author(info.get("Author", "")), date=_pdf_date(info),
        page_labels=labels,
    )


def _pdf_date(info: dict[str, str]) -> str:
    for key in ("CreationDate", "ModDate"):
        match = _PDF_DATE.match(info.get(key, "").strip())
        if match and match.group(1) > "1900":
            return "-".join(part for part in match.groups() if part)
    return ""


def _message(path: Path, reason: str) -> str:
    return f"skipped {path}: {reason}"
