"""One reader per source format: a file on disk to a `Source` for the parsing pipeline.

Every reader hands its text (and whatever structure its format gives: pages, positions, font
sizes, heading styles, metadata) to the shared pipeline (`igtui.corpus.parsing.parse_source`),
so the reader, search, notes and export never ask which format a document came from.
`reader_for(path)` picks the reader by file suffix; `SUFFIXES` lists what a folder offers.
A reader raises `UnreadableDocument` with a one-line message for a file it cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from igtui.corpus.parsing.source import Source
from igtui.corpus.readers import docx, html, markdown, pdf, text

# path -> what the file holds; raises UnreadableDocument with a one-line message
Reader = Callable[[Path], Source]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".lang": text.read_lang,
    ".pdf": pdf.read,
    ".html": html.read,
    ".htm": html.read,
    ".xhtml": html.read,
    ".docx": docx.read,
}
SUFFIXES: tuple[str, ...] = tuple(READERS)


def reader_for(path: Path) -> Reader:
    """The reader for `path`'s format (plain text for a suffix igtui does not know)."""
    return READERS.get(path.suffix.lower(), text.read)
