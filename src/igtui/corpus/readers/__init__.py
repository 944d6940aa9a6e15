"""One reader per source format: a file on disk to a `Source` for the parsing pipeline.

Every reader hands its text (and whatever structure its format gives: pages, positions, font
sizes, heading styles, metadata) to the shared pipeline (`igtui.corpus.parsing.parse_source`),
so the reader, search, notes and export never ask which format a document came from.
`reader_for(path)` picks the reader by file suffix; `SUFFIXES` lists what a folder offers.
A reader raises `UnreadableDocument` with a one-line message for a file it cannot read.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from igtui.corpus.parsing.source import Source

# path -> what the file holds; raises UnreadableDocument with a one-line message
Reader = Callable[[Path], Source]

# suffix -> (module, function). Imported when a file of that format is read, for start-up
# speed: the readers and their libraries (markdown-it, PDFium, lexbor, python-docx) cost
# ~0.13 s to import, and a corpus opened from the parse cache reads no file at all.
_READERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "read"),
    ".md": ("markdown", "read"),
    ".markdown": ("markdown", "read"),
    ".lang": ("text", "read_lang"),
    ".pdf": ("pdf", "read"),
    ".html": ("html", "read"),
    ".htm": ("html", "read"),
    ".xhtml": ("html", "read"),
    ".docx": ("docx", "read"),
}
SUFFIXES: tuple[str, ...] = tuple(_READERS)


def reader_for(path: Path) -> Reader:
    """The reader for `path`'s format (plain text for a suffix igtui does not know)."""
    module, name = _READERS.get(path.suffix.lower(), ("text", "read"))
    reader: Reader = getattr(importlib.import_module(f"igtui.corpus.readers.{module}"), name)
    return reader
