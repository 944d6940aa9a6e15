"""Text from a document, a file name or a user, made safe to put on a terminal.

Such text is data, never instructions. What a terminal would obey or hide is replaced, one
character for one character (so offsets into the text, e.g. search-match spans, stay valid):

- C0 control characters (ESC starts the sequences that move the cursor, recolour, set the
  window title or write the clipboard through OSC 52) become their visible "control
  pictures" (ESC shows as ␛), tab a space, DEL ␡;
- C1 control characters (U+0080–U+009F: 0x9B is an 8-bit CSI to some terminals), format
  characters (bidi overrides and isolates such as U+202E that reorder what follows, zero-width
  spaces and joiners, invisible operators, tag characters), lone surrogates (from file names
  that are not UTF-8) and the Unicode line/paragraph separators become U+FFFD �, which shows
  that something was there without acting on it. The soft hyphen is kept: it is printable in
  every terminal and frequent in PDF text.

Every widget, toast, dialog and CLI line that shows such text goes through `displayable` (one
line), `printable` (newlines kept) or `editable` (tabs kept too, for the note editor); `--json`
output goes through `json_text`. The characters are those of Unicode's categories Cc, Cf, Cs, Zl
and Zp (a test checks the table against `unicodedata`, so a newer Unicode is noticed).
"""

from __future__ import annotations

import json
import re
from typing import Any

REPLACEMENT = "\ufffd"
SOFT_HYPHEN = "\u00ad"

# Every character of the categories a terminal obeys or hides (Cc control, Cf format, Cs
# surrogate, Zl/Zp separators), as ranges, soft hyphen left out. Written out rather than
# computed at import (a scan of the Unicode database costs 140 ms at every CLI start);
# tests/test_display.py checks it against `unicodedata`.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x001F), (0x007F, 0x009F), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xD800, 0xDFFF), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _char_class(ranges: list[tuple[int, int]]) -> str:
    """A regex character class of the code point `ranges`."""
    parts = [
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    ]
    return "[" + "".join(parts) + "]"


def _without(ranges: tuple[tuple[int, int], ...], keep: set[int]) -> list[tuple[int, int]]:
    """`ranges` less the code points in `keep`."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        start = a
        for code in sorted(c for c in keep if a <= c <= b):
            if start < code:
                out.append((start, code - 1))
            start = code + 1
        if start <= b:
            out.append((start, b))
    return out


# newline is the one control character `printable` keeps
_UNSAFE = re.compile(_char_class(_without(UNSAFE_RANGES, {0x0A})))
# `editable` keeps tabs too, which a note may well hold
_UNSAFE_FOR_EDITING = re.compile(_char_class(_without(UNSAFE_RANGES, {0x09, 0x0A})))
# what `json_text` escapes: json.dumps escapes C0 itself, and would keep the rest raw
_UNSAFE_IN_JSON = re.compile(_char_class(_without(UNSAFE_RANGES, set(range(0x7F)))))

_PICTURES: dict[str, str] = {
    **{chr(code): chr(0x2400 + code) for code in range(32)},
    "\t": " ",
    "\x7f": "\u2421",
}


def _shown(match: re.Match[str]) -> str:
    return _PICTURES.get(match.group(), REPLACEMENT)


def printable(text: str) -> str:
    """`text` with every character a terminal would obey or hide made visible (newlines kept);
    as long as `text`, character for character."""
    # the common case, clean text, costs one regex scan and no copy
    return _UNSAFE.sub(_shown, text) if _UNSAFE.search(text) else text


def displayable(text: str) -> str:
    """`text` on one line, made visible as by `printable` (titles, labels, headings, names)."""
    return printable(text.replace("\n", " "))


def editable(text: str) -> str:
    """`text` as the note editor shows it: `printable`, but tabs kept."""
    return _UNSAFE_FOR_EDITING.sub(_shown, text) if _UNSAFE_FOR_EDITING.search(text) else text


def is_clean(text: str) -> bool:
    """Whether `printable` would leave `text` as it is."""
    return _UNSAFE.search(text) is None


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: JSON spells it as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(data: Any, *, indent: int | None = None) -> str:
    """`data` as JSON that is safe on a terminal and still readable: Chinese stays as it is,
    while C1 controls, format characters (bidi, zero width) and lone surrogates are written as
    \\u escapes (json.dumps escapes C0 itself). It parses back to exactly `data`."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(_escaped, text) if _UNSAFE_IN_JSON.search(text) else text
