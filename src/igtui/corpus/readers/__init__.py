"""One reader per source format: a file on disk to a `Document`.

Every reader hands its text (and whatever structure its format gives) to the shared parsing
pipeline, so the reader, search, notes and export never ask which format a document came from.
`reader_for(path)` picks the reader by file suffix; `SUFFIXES` lists what a folder offers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from igtui.corpus.model import Document
from igtui.corpus.readers import text

# (path, document id) -> Document; raises UnreadableDocument with a one-line message
Reader = Callable[[Path, str], Document]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
}
SUFFIXES: tuple[str, ...] = tuple(READERS)


def reader_for(path: Path) -> Reader:
    """The reader for `path`'s format (plain text for a suffix igtui does not know)."""
    return READERS.get(path.suffix.lower(), text.read)
