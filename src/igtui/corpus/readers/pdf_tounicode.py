"""Undo PDFium's failed ToUnicode look-ups: the character codes it hands back as text.

PDFium (as shipped by pypdfium2) rejects some well-formed ToUnicode CMaps in part, a
section of `bfrange` entries at a time or any range that crosses a 256-code boundary. For a
CID font it then returns the raw character code as if it were Unicode: "濄漕" for "1．",
"漓" for "，" in a Word-made Chinese PDF (devdocs 02). The CMaps themselves are fine, so this
module reads them (with pypdf, which parses PDF objects lazily and cheaply) and maps such a
code back to its text, checking the character's font with PDFium before replacing anything.

A character is a suspect only when its code is one the font's CMap maps AND the font can
never produce that character; a real "四" from a font whose CMap yields "四" is left alone.
Best effort: a file pypdf cannot read simply gets no repair.
"""

from __future__ import annotations

import ctypes
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TOKEN = re.compile(
    rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|(beginbfchar|endbfchar|beginbfrange|endbfrange)"
)
# A range this long is a producer's "everything" identity map, never a real subset's CMap.
_MAX_RANGE = 0x10000
_FONT_NAME_BYTES = 256


@dataclass(frozen=True, slots=True)
class FontMap:
    """One font's ToUnicode CMap, reduced to the codes PDFium could have handed back raw:
    code -> text for each code whose own character the font can never produce."""

    name: str
    suspects: dict[int, str]


class Repairer:
    """ToUnicode maps of a PDF's fonts, by page, read once per font object."""

    def __init__(self, path: Path) -> None:
        self._pages: list[list[FontMap]] = []
        try:
            self._pages = _read_fonts(path)
        except Exception as exc:  # whatever pypdf raises, the file just gets no repair
            logging.getLogger(__name__).debug("no ToUnicode repair for %s: %s", path, exc)

    def fix(self, text: str, page: int, textpage: Any, start: int) -> str:
        """`text` (PDFium's characters `start`.. of `page`) with failed look-ups mapped back."""
        fonts = self._pages[page] if page < len(self._pages) else []
        if not any(ord(ch) in f.suspects for f in fonts for ch in text):
            return text
        out: list[str] = []
        for offset, ch in enumerate(text):
            code = ord(ch)
            if any(code in f.suspects for f in fonts):
                name = _font_name(textpage, start + offset)
                match = next((f for f in fonts if f.name == name and code in f.suspects), None)
                if match is not None:
                    out.append(match.suspects[code])
                    continue
            out.append(ch)
        return "".join(out)


def _read_fonts(path: Path) -> list[list[FontMap]]:
    # pypdf is imported here: only PDF reading needs it, and it costs start-up time.
    from pypdf import PdfReader

    # pypdf reports the oddities it repairs on the root logger's stderr: not in a terminal UI
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(path, strict=False)
    cache: dict[int, FontMap | None] = {}
    return [_page_fonts(page, cache) for page in reader.pages]


def _page_fonts(page: Any, cache: dict[int, FontMap | None]) -> list[FontMap]:
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return []
    found = []
    for ref in fonts.get_object().values():
        key = getattr(ref, "idnum", None)
        if key is not None and key in cache:
            loaded = cache[key]
        else:
            loaded = _font_map(ref.get_object())
            if key is not None:
                cache[key] = loaded
        if loaded is not None:
            found.append(loaded)
    return found


def _font_map(font: Any) -> FontMap | None:
    # Only composite (Type0) fonts fall back to raw codes; simple fonts have an encoding.
    if font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
        return None
    to_text = parse_cmap(font["/ToUnicode"].get_object().get_data())
    produces = set(to_text.values())
    suspects = {
        code: text for code, text in to_text.items()
        if chr(code) not in produces and text != chr(code)
    }
    if not suspects:
        return None
    return FontMap(str(font.get("/BaseFont", "")).lstrip("/"), suspects)


def parse_cmap(data: bytes) -> dict[int, str]:
    """code -> text from a ToUnicode CMap's bfchar and bfrange sections."""
    out: dict[int, str] = {}
    section: bytes | None = None
    pending: list[Any] = []
    array: list[str] | None = None
    for match in _TOKEN.finditer(data):
        hex_string, open_array, close_array, keyword = match.groups()
        if keyword is not None:
            section = keyword if keyword.startswith(b"begin") else None
            pending = []
        elif open_array is not None:
            array = []
        elif close_array is not None:
            pending.append(array or [])
            array = None
        elif hex_string is not None:
            value = bytes.fromhex(hex_string.decode("ascii").replace(" ", "").replace("\n", ""))
            if array is not None:
                array.append(_utf16(value))
            else:
                pending.append(value)
        if section == b"beginbfchar" and len(pending) == 2:
            out[int.from_bytes(pending[0], "big")] = _utf16(pending[1])
            pending = []
        elif section == b"beginbfrange" and len(pending) == 3:
            _add_range(out, *pending)
            pending = []
    return out


def _add_range(out: dict[int, str], low: bytes, high: bytes, target: Any) -> None:
    first, last = int.from_bytes(low, "big"), int.from_bytes(high, "big")
    if last < first or last - first > _MAX_RANGE:
        return
    if isinstance(target, list):
        for code, text in zip(range(first, last + 1), target, strict=False):
            out[code] = text
        return
    text = _utf16(target)
    if not text:
        return
    for step in range(last - first + 1):
        shifted = ord(text[-1]) + step
        if shifted > 0x10FFFF:
            break
        out[first + step] = text[:-1] + chr(shifted)


def _utf16(value: bytes) -> str:
    return value.decode("utf-16-be", errors="ignore")


def _font_name(textpage: Any, index: int) -> str:
    import pypdfium2.raw as pdfium_c  # already loaded by the PDF reader

    buffer = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, _FONT_NAME_BYTES, ctypes.byref(flags))
    return buffer.value.decode("latin-1")
