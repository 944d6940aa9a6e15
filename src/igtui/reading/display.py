"""Text from a document, a file name or a user, made safe to put on a terminal.

Such text is data, never instructions: control characters (ESC starts the sequences that move
the cursor, recolour, set the title or write the clipboard) are shown as symbols, never obeyed.
Every widget and every CLI line that shows such text goes through `displayable` (one line) or
`printable` (newlines kept).
"""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` with control characters (except newlines) shown as symbols, never obeyed."""
    return text.translate(_CONTROL_PICTURES)


_CONTROL_PICTURES: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(32) if code != 10},
    9: " ",
    0x7F: "\u2421",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
}


def displayable(text: str) -> str:
    """`text` on one line with control characters made visible (titles, labels, headings)."""
    return printable(text.replace("\n", " "))
